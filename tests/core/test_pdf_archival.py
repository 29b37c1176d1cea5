import subprocess

from zit.core.documents import pdf_from_html


def _pdfinfo(data: bytes, tmp_path, *flags: str) -> str:
    path = tmp_path / "dokument.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdfinfo", *flags, str(path)], capture_output=True, text=True, check=True).stdout


def test_generated_pdf_is_tagged_pdf_a_3u_with_its_polish_title(tmp_path):
    data = pdf_from_html(
        '<html lang="pl"><head><title>Uchwała nr 1/2026</title></head>'
        "<body><h1>Zażółć gęślą jaźń</h1><table><tr><th>Kwota</th><td>1 000,00 zł</td></tr></table></body></html>"
    )
    info = _pdfinfo(data, tmp_path)
    assert "Tagged:          yes" in info and "Title:           Uchwała nr 1/2026" in info
    metadata = _pdfinfo(data, tmp_path, "-meta")
    assert 'pdfaid:part="3"' in metadata and 'pdfaid:conformance="U"' in metadata
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "dokument.pdf")], capture_output=True, text=True
    ).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows)  # PDF/A: every font embedded
