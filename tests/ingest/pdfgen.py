"""Tiny PDF writer for test fixtures: text pages (Helvetica), image pages, RC4 encryption, zero pages.

Written by hand (no PDF library) so the fixtures are byte-for-byte predictable and the tests do not depend on a
writer that might "fix" the broken cases we want to test.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _esc(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


TextItem = tuple[float, float, str]  # x, y (from the bottom, points), text


def build_pdf(pages: list[list[TextItem] | bytes], *, user_password: str | None = None,
              owner_password: str = "owner", font_size: float = 11) -> bytes:
    """A PDF with one A4 page per entry: a list of text items, or JPEG bytes for an image-only page.

    ``user_password`` set (even "") encrypts the file with the standard RC4 40-bit handler.
    """
    objects: list[bytes] = []  # index i holds object i+1

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    streams: dict[int, bytes] = {}
    kids = []
    for page in pages:
        if isinstance(page, bytes):
            from PIL import Image

            w, h = Image.open(io.BytesIO(page)).size
            img = add(b"")
            streams[img] = page
            objects[img - 1] = (f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray"
                                f" /BitsPerComponent 8 /Filter /DCTDecode /Length {len(page)} >>").encode()
            content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
            resources = f"<< /XObject << /Im1 {img} 0 R >> >>".encode()
        else:
            parts = [b"BT", f"/F1 {font_size} Tf".encode()]
            for x, y, text in page:
                parts.append(f"1 0 0 1 {x} {y} Tm (".encode() + _esc(text) + b") Tj")
            parts.append(b"ET")
            content = b"\n".join(parts)
            resources = f"<< /Font << /F1 {font} 0 R >> >>".encode()
        data = zlib.compress(content)
        cobj = add(b"")
        streams[cobj] = data
        objects[cobj - 1] = f"<< /Length {len(data)} /Filter /FlateDecode >>".encode()
        pobj = add(f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 595 842] /Contents {cobj} 0 R "
                   f"/Resources ".encode() + resources + b" >>")
        kids.append(pobj)
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    objects[pages_obj - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                              f"/Count {len(kids)} >>").encode()

    file_id = hashlib.md5(b"rulings-archive-test").digest()
    encrypt_ref = ""
    key = b""
    if user_password is not None:
        p_value = -44  # print/copy allowed; any value works for the test
        upad = (user_password.encode() + PAD)[:32]
        opad = (owner_password.encode() + PAD)[:32]
        o_value = _rc4(hashlib.md5(opad).digest()[:5], upad)
        key = hashlib.md5(upad + o_value + struct.pack("<i", p_value) + file_id).digest()[:5]
        u_value = _rc4(key, PAD)
        enc = add(f"<< /Filter /Standard /V 1 /R 2 /O <{o_value.hex()}> /U <{u_value.hex()}> "
                  f"/P {p_value} >>".encode())
        encrypt_ref = f" /Encrypt {enc} 0 R"
        for num in list(streams):
            obj_key = hashlib.md5(key + struct.pack("<i", num)[:3] + b"\x00\x00").digest()[:10]
            streams[num] = _rc4(obj_key, streams[num])

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body)
        if i in streams:
            out.write(b"\nstream\n" + streams[i] + b"\nendstream")
        out.write(b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R{encrypt_ref} "
              f"/ID [<{file_id.hex()}> <{file_id.hex()}>] >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def text_page(paragraphs: list[str], *, header: str | None = None, footer: str | None = None,
              top: float = 780, left: float = 72, leading: float = 14, para_gap: float = 8,
              width_chars: int = 85) -> list[TextItem]:
    """Lay out paragraphs as wrapped lines (plus optional running header/footer) on one page."""
    items: list[TextItem] = []
    if header:
        items.append((left, 810, header))
    y = top
    for para in paragraphs:
        line = ""
        for word in para.split():
            if line and len(line) + 1 + len(word) > width_chars:
                items.append((left, y, line))
                y -= leading
                line = word
            else:
                line = f"{line} {word}".strip()
        if line:
            items.append((left, y, line))
            y -= leading
        y -= para_gap
    if footer:
        items.append((280, 30, footer))
    return items


def image_page_jpeg(lines: list[str], dpi: int = 200) -> bytes:
    """A grey-scale JPEG of an A4 page with ``lines`` of text: a 'scanned' page without a text layer."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    size = int(11 / 72 * dpi)
    font: ImageFont.ImageFont | ImageFont.FreeTypeFont
    try:
        font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", size)
    except OSError:
        try:
            font = ImageFont.truetype("DejaVuSans.ttf", size)
        except OSError:
            font = ImageFont.load_default(size=size)
    y = int(1.0 * dpi)
    for line in lines:
        draw.text((int(1.0 * dpi), y), line, fill=0, font=font)
        y += int(size * 1.5)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=85)
    return buf.getvalue()
