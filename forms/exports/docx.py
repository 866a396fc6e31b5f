"""A minimal Word (DOCX, Office Open XML) writer on ``zipfile`` and escaped XML.

python-docx is not used at run time: it needs lxml, a compiled extension that Pyodide cannot
load here. The package holds only what Word, LibreOffice and python-docx need: content types,
relationships, the document, styles, a bullet list's numbering, a header and footer saying the
confidentiality mark, and core properties. Text is XML-escaped and stripped of characters XML
1.0 does not allow.

Accessible as Word's checker and screen readers read it: the title and the sections in heading
styles (outline levels), lists as real lists, each table's header row marked as one (repeated on
every page) with the table's caption, the document's language in its styles and core
properties and each part in another language (text quoted as typed) marked with its own, and
the title in the core properties.
"""
from __future__ import annotations

import datetime as _dt
import re
import zipfile
from io import BytesIO
from xml.sax.saxutils import escape

from forms.exports.document import (CHECKED, UNCHECKED, Bullets, Checklist, Document, Heading, KeyFacts, Pairs, Para, Table,
                                    chosen_language, documents_for, expanded, label_text, value_below)
from forms.model import FormDef

_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xml_text(text: str, attribute: bool = False) -> str:
    """Escape for XML element content (or a double-quoted attribute), dropping XML-illegal characters."""
    return escape(_ILLEGAL.sub("", text), {'"': "&quot;"} if attribute else {})


def _runs(text: str, bold: bool = False, lang: str = "") -> str:
    """Text as runs; ``lang``: its language when not the document's (Word and screen readers
    then read it in that language)."""
    props = ("<w:b/>" if bold else "") + (f'<w:lang w:val="{xml_text(lang, attribute=True)}"/>' if lang else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for i, part in enumerate(text.split("\n")):
        br = "<w:br/>" if i else ""
        out.append(f'<w:r>{rpr}{br}<w:t xml:space="preserve">{xml_text(part)}</w:t></w:r>')
    return "".join(out)


def _p(text: str = "", style: str = "", bold: bool = False, label: str = "", keep: bool = False, lang: str = "",
       bullet: bool = False) -> str:
    """A paragraph; ``lang``: the text's language (not the label's) when not the document's;
    ``bullet``: an item of a real list (numbering.xml), which screen readers announce as one."""
    props = ((f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:keepLines/>" if keep else "")
             + (f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{BULLETS}"/></w:numPr>' if bullet else ""))
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    lab = ""
    if label:
        text = text.strip("\n")
        lab = _runs(label_text(label) + ("\n" if value_below(label, text) else " "), bold=True)
    return f"<w:p>{ppr}{lab}{_runs(text, bold, lang)}</w:p>"


def _table(t: Table) -> str:
    cols = len(t.headers)
    width = 9000 // max(cols, 1)
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(cols))

    def row(cells, header=False):
        # The header row repeats on every page and tells screen readers what each column is.
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'{_p(c, bold=header, lang="" if header else t.lang)}</w:tc>'
            for c in cells)
        return f"<w:tr>{trpr}{tcs}</w:tr>"

    body = row(t.headers, True) + "".join(row(r) for r in t.rows)
    # The caption is a paragraph above the table (read by everyone) and the table's own
    # caption property (read by screen readers, Word 2010 and later).
    return (_p(t.title, "Caption") +
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f'<w:tblCaption w:val="{xml_text(t.title, attribute=True)}"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>")


def _body(doc: Document) -> str:
    parts = [_p(doc.title, "Title")]
    for b in expanded(doc.blocks):
        if isinstance(b, Heading):
            parts.append(_p(b.text, f"Heading{b.level}"))
        elif isinstance(b, Para):
            parts.append(_p(b.text, keep=b.keep, lang=b.lang))
        elif isinstance(b, KeyFacts):
            # Paragraphs of one bordered style: Word draws them as one box.
            parts.append(_p(b.title, "KeyFacts", bold=True))
            parts.extend(_p(v, "KeyFacts", label=lab, lang=b.lang_of(i)) for i, (lab, v) in enumerate(b.items))
        elif isinstance(b, Pairs):
            parts.extend(_p(v, label=lab, lang=b.lang) for lab, v in b.items)
        elif isinstance(b, Table):
            parts.append(_table(b))
            parts.append(_p(""))
        elif isinstance(b, Bullets):
            parts.extend(_p(text, "ListParagraph", bullet=True, lang=b.lang_of(i)) for i, text in enumerate(b.items))
        elif isinstance(b, Checklist):
            parts.extend(_p(f"{CHECKED if c else UNCHECKED} {text}") for c, text in b.items)
    return "".join(parts)


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri" w:eastAsia="Calibri"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="{{lang}}" w:eastAsia="{{lang}}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="252" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="160"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="34"/><w:szCs w:val="34"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="180" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="40"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="KeyFacts"><w:name w:val="Key Facts"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="333333"/><w:left w:val="single" w:sz="24" w:space="6" w:color="333333"/><w:bottom w:val="single" w:sz="8" w:space="4" w:color="333333"/><w:right w:val="single" w:sz="8" w:space="6" w:color="333333"/></w:pBdr><w:spacing w:after="20"/><w:ind w:left="180" w:right="180"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="40"/><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>
</w:styles>"""


#: The one list definition: a bullet list (the numbering's id that list paragraphs name).
BULLETS = 1
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:num w:numId="{BULLETS}"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def _header_part(tag: str, style: str, text: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:{tag} xmlns:w="{W}" xmlns:r="{R}">{_p(text, style, bold=True)}</w:{tag}>')


def _core(doc: Document) -> str:
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{xml_text(doc.title)}</dc:title><dc:subject>{xml_text(doc.confidential)}</dc:subject><dc:language>{doc.lang}</dc:language>
<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>
</cp:coreProperties>"""


def render_docx(doc: Document) -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{_body(doc)}'
        '<w:sectPr><w:headerReference w:type="default" r:id="rId2"/>'
        '<w:footerReference w:type="default" r:id="rId3"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" '
        'w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>')
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/styles.xml", STYLES.replace("{lang}", doc.lang))
        z.writestr("word/numbering.xml", NUMBERING)
        z.writestr("word/header1.xml", _header_part("hdr", "Header", doc.confidential_heading))
        z.writestr("word/footer1.xml", _header_part("ftr", "Footer", doc.confidential))
        z.writestr("docProps/core.xml", _core(doc))
    return buf.getvalue()


def export_docx(form: FormDef, state: dict) -> bytes:
    """The record, or the letter in the language chosen beside the export buttons."""
    return render_docx(documents_for(form, state, chosen_language(form, state) if form.letter else None)[0])
