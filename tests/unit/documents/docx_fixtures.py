"""DOCX resumes built the way real ones are: raw WordprocessingML in a zip, shaped like the layouts that Word's
resume templates and hand-made resumes use (a header with the contact line, content controls around sections, a
two-column layout table with a nested table, a text box written twice as DrawingML and VML, letter-spaced
headings, tracked changes, fields, soft line breaks). Written by hand for these tests; no third-party content.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"'
)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/header1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
 Target="docProps/core.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
 Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
 Target="header1.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
 Target="footer1.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
 Target="https://www.linkedin.com/in/priya-nair" TargetMode="External"/>
</Relationships>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NAMESPACES}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Bulleted"><w:name w:val="Resume Bullet"/><w:basedOn w:val="Normal"/>
 <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="BulletedTight"><w:name w:val="Resume Bullet Tight"/>
 <w:basedOn w:val="Bulleted"/></w:style>
</w:styles>"""


def core_xml(modified: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">2019-01-10T09:00:00Z</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*runs: str, style: str | None = None, numbered: bool = False) -> str:
    properties = ""
    if style or numbered:
        properties = "<w:pPr>"
        properties += f'<w:pStyle w:val="{style}"/>' if style else ""
        properties += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if numbered else ""
        properties += "</w:pPr>"
    return f"<w:p>{properties}{''.join(run(r) if not r.startswith('<') else r for r in runs)}</w:p>"


def cell(*blocks: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>{"".join(blocks) or "<w:p/>"}</w:tc>'


def table(*rows: list[str]) -> str:
    return "<w:tbl><w:tblPr/>" + "".join(f"<w:tr>{''.join(cells)}</w:tr>" for cells in rows) + "</w:tbl>"


def content_control(*blocks: str, tag: str = "section") -> str:
    return f'<w:sdt><w:sdtPr><w:tag w:val="{tag}"/></w:sdtPr><w:sdtContent>{"".join(blocks)}</w:sdtContent></w:sdt>'


def text_box(*blocks: str, offset: int = 0) -> str:
    """A floating text box as Word writes it: DrawingML in mc:Choice and the same text again as VML in
    mc:Fallback (readers must take one copy, not both)."""
    inner = "".join(blocks)
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>457200</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{offset}</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2000000" cy="900000"/><wp:wrapNone/><wp:docPr id="1" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape style="position:absolute"><v:textbox>'
        f"<w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def document(body: str, *, header: str, footer: str, modified: str = "2021-03-12T10:00:00Z") -> bytes:
    section = ('<w:sectPr><w:headerReference w:type="default" r:id="rId2"/>'
               '<w:footerReference w:type="default" r:id="rId3"/></w:sectPr>')
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": STYLES,
        "word/document.xml": f"{XML_DECLARATION}<w:document {NAMESPACES}><w:body>{body}{section}</w:body></w:document>",
        "word/header1.xml": f"{XML_DECLARATION}<w:hdr {NAMESPACES}>{header}</w:hdr>",
        "word/footer1.xml": f"{XML_DECLARATION}<w:ftr {NAMESPACES}>{footer}</w:ftr>",
        "docProps/core.xml": core_xml(modified),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return out.getvalue()


def template_resume() -> bytes:
    """A two-column template resume: contact line in the header, a layout table whose left cell holds a skills
    text box and a nested education table, whose right cell holds the work history in a content control."""
    header = table([cell(para("PRIYA NAIR")),
                    cell(para("Pune, Maharashtra | +91 98200 12345 | priya.nair@example.in"))])
    left = cell(
        para(text_box(para("S K I L L S"), para("Java", style="Bulleted"), para("Spring Boot", style="Bulleted"),
                      para("PostgreSQL", style="BulletedTight"), offset=1800000)),
        para("E D U C A T I O N"),
        table([cell(para("B.Tech, Computer Science")), cell(para("VIT University")), cell(para("2013"))]),
    )
    work = content_control(
        para("E X P E R I E N C E", style="Heading1"),
        para("Senior Software Engineer, Infosys Ltd"),
        para("06/2018 – till date"),
        para("Led the billing platform rewrite in Java 17.", numbered=True),
        para('<w:r><w:t xml:space="preserve">Cut invoice run time by 40% </w:t></w:r>'
             '<w:ins w:id="1" w:author="PN"><w:r><w:t>with batch SQL</w:t></w:r></w:ins>'
             '<w:del w:id="2" w:author="PN"><w:r><w:delText> and caching</w:delText></w:r></w:del>'
             '<w:r><w:t>.</w:t></w:r>', numbered=True),
        para("Software Engineer, Wipro Technologies"),
        para('<w:r><w:t>07/2014 – 05/2018</w:t><w:br/><w:t>Bangalore, Karnataka</w:t></w:r>'),
        para('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://example.com" '
             '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             "<w:r><w:t>Built payment integrations for 12 banks.</w:t></w:r>"
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>', numbered=True),
        tag="experience",
    )
    body = table([left, cell(work)])
    body += para('<w:hyperlink r:id="rId4"><w:r><w:t>linkedin.com/in/priya-nair</w:t></w:r></w:hyperlink>')
    footer = para("Place: Pune")
    return document(body, header=header, footer=footer)
