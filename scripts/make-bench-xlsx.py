#!/usr/bin/env python3
"""Writes a large XLSX register for measuring XLSXReader: python3 scripts/make-bench-xlsx.py ROWS OUT.xlsx

Nine columns as an office register has them: numbers, shared strings (constituency, group, name,
gender, ethnicity, a unique ID number, address) and a date serial under built-in format 14. The
sheet is streamed into the ZIP; a million rows take about 20 s and 300 MB of Python memory.
"""
import zipfile, random, sys
N=int(sys.argv[1]); out=sys.argv[2]
random.seed(1)
surn="王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
given="伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
strings=[]; index={}
def s(x):
    if x not in index: index[x]=len(strings); strings.append(x)
    return index[x]
W=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
def check(s17): return "10X98765432"[sum(int(a)*b for a,b in zip(s17,W))%11]
hdr=["序号","选区","选民小组","姓名","性别","民族","出生日期","公民身份号码","住址","备注"]
def rows():
    yield '<row r="1">'+''.join('<c r="%s1" t="s"><v>%d</v></c>'%(chr(65+i),s(h)) for i,h in enumerate(hdr))+'</row>'
    for r in range(2,N+2):
        serial=random.randint(9000,40000)
        seq=random.randint(0,999)
        s17="110101"+"19%02d%02d%02d"%(random.randint(40,99),random.randint(1,12),random.randint(1,28))+"%03d"%seq
        idn=s17+check(s17)
        name=random.choice(surn)+random.choice(given)+(random.choice(given) if r%3 else "")
        cells=['<c r="A%d"><v>%d</v></c>'%(r,r-1),
          '<c r="B%d" t="s"><v>%d</v></c>'%(r,s("第%d选区"%(r%20))),
          '<c r="C%d" t="s"><v>%d</v></c>'%(r,s("第%d组"%(r%7))),
          '<c r="D%d" t="s"><v>%d</v></c>'%(r,s(name)),
          '<c r="E%d" t="s"><v>%d</v></c>'%(r,s("男" if seq%2 else "女")),
          '<c r="F%d" t="s"><v>%d</v></c>'%(r,s("汉族")),
          '<c r="G%d" s="1"><v>%d</v></c>'%(r,serial),
          '<c r="H%d" t="s"><v>%d</v></c>'%(r,s(idn)),
          '<c r="I%d" t="s"><v>%d</v></c>'%(r,s("北京市东城区景山前街%d号"%(r%500)))]
        yield '<row r="%d">'%r+''.join(cells)+'</row>'
M="http://schemas.openxmlformats.org/spreadsheetml/2006/main"; R="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
with zipfile.ZipFile(out,"w",zipfile.ZIP_DEFLATED) as z:
    with z.open("xl/worksheets/sheet1.xml","w",force_zip64=True) as f:
        f.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="%s"><sheetData>'%M).encode())
        buf=[]
        for row in rows():
            buf.append(row)
            if len(buf)>1000: f.write(''.join(buf).encode()); buf=[]
        f.write((''.join(buf)+'</sheetData></worksheet>').encode())
    z.writestr("[Content_Types].xml",'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("_rels/.rels",'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>'%R)
    z.writestr("xl/workbook.xml",'<?xml version="1.0"?><workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>'%(M,R))
    z.writestr("xl/_rels/workbook.xml.rels",'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="%s/styles" Target="styles.xml"/></Relationships>'%(R,R,R))
    z.writestr("xl/styles.xml",'<?xml version="1.0"?><styleSheet xmlns="%s"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'%M)
    with z.open("xl/sharedStrings.xml","w",force_zip64=True) as f:
        f.write(('<?xml version="1.0"?><sst xmlns="%s" uniqueCount="%d">'%(M,len(strings))).encode())
        for i in range(0,len(strings),10000):
            f.write(''.join('<si><t>%s</t></si>'%x for x in strings[i:i+10000]).encode())
        f.write(b'</sst>')
print(len(strings),"strings")
