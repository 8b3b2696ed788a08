import struct
def mac(s): return bytes(int(x,16) for x in s.split(':'))
def ip(s): return bytes(int(x) for x in s.split('.'))
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
def eth(dst,src,typ,payload,vlan=None):
    h=mac(dst)+mac(src)
    if vlan is not None: h+=struct.pack('!HH',0x8100,vlan)
    return h+struct.pack('!H',typ)+payload
def ipv4(src,dst,proto,payload):
    h=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(payload),1,0x4000,64,proto,0,ip(src),ip(dst))
    h=h[:10]+struct.pack('!H',csum(h))+h[12:]
    return h+payload
def icmp_echo(t,id_,seq):
    b=struct.pack('!BBHHH',t,0,0,id_,seq)+b'abcdefgh'
    return b[:2]+struct.pack('!H',csum(b))+b[4:]
def udp(sp,dp,payload): return struct.pack('!HHHH',sp,dp,8+len(payload),0)+payload
def tcp(sp,dp,flags): return struct.pack('!HHIIBBHHH',sp,dp,1000,0,0x50,flags,64240,0,0)
def arp(op,sha,spa,tha,tpa): return struct.pack('!HHBBH',1,0x0800,6,4,op)+mac(sha)+ip(spa)+mac(tha)+ip(tpa)
def dnsq(id_,name):
    q=b''.join(bytes([len(l)])+l.encode() for l in name.split('.'))+b'\0'
    return struct.pack('!HHHHHH',id_,0x0100,1,0,0,0)+q+struct.pack('!HH',1,1)
def vxlan(vni,inner): return struct.pack('!BBHI',0x08,0,0,vni<<8)+inner
A='02:42:ac:14:00:02'; B='02:42:ac:14:00:03'; G='02:42:ac:14:00:01'
frames=[
 eth('ff:ff:ff:ff:ff:ff',A,0x0806,arp(1,A,'172.20.0.2','00:00:00:00:00:00','172.20.0.1')),
 eth(A,G,0x0806,arp(2,G,'172.20.0.1',A,'172.20.0.2')),
 eth(B,A,0x0800,ipv4('172.20.0.2','172.20.0.3',1,icmp_echo(8,7,1))),
 eth(A,B,0x0800,ipv4('172.20.0.3','172.20.0.2',1,icmp_echo(0,7,1))),
 eth(G,A,0x0800,ipv4('172.20.0.2','127.0.0.11',17,udp(40000,53,dnsq(0x1234,'api')))),
 eth(B,A,0x0800,ipv4('172.20.0.2','172.20.0.3',6,tcp(40001,80,0x02))),
 eth('ff:ff:ff:ff:ff:ff','02:42:c0:a8:0a:02',0x0806,arp(1,'02:42:c0:a8:0a:02','192.168.10.2','00:00:00:00:00:00','192.168.10.1'),vlan=10),
 eth('0a:00:00:00:00:02','0a:00:00:00:00:01',0x0800,ipv4('10.0.0.1','10.0.0.2',17,udp(50000,4789,vxlan(4096,
     eth(B,A,0x0800,ipv4('10.200.0.2','10.200.0.3',1,icmp_echo(8,9,2))))))),
]
with open('frames.txt','w') as f:
    for fr in frames:
        for i in range(0,len(fr),16):
            f.write('%06x  %s\n'%(i,' '.join('%02x'%b for b in fr[i:i+16])))
        f.write('\n')
