"""The portfolio renderer alone: a plain view in, a PDF out with the items in order, photos drawn, only
embedded DejaVu fonts, larger type in large print, and people's words never read as markup."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image
from reportlab import rl_config

from caseteam.documents.portfolio_document import PortfolioItemView, PortfolioView, render_portfolio

from pdf_reading import all_text, fonts, median_font_size, reader


@pytest.fixture(autouse=True)
def _invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


def jpeg(size=(1200, 800)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (120, 80, 40)).save(out, format="JPEG")
    return out.getvalue()


def view(**kw) -> PortfolioView:
    values = dict(reference="PE-0007", version="2026-11-30", person_name="Nguyễn Thị Ánh",
                  items=(PortfolioItemView("Cakes I decorated", "Birthday cakes.\n\nSold at the church sale.",
                                           jpeg(), "cake.jpg"),
                         PortfolioItemView("Smith & Sons <Bakery>", "Two summers on the early shift.")),
                  generated_on=date(2026, 12, 1), issued_by="Bridgeway Employment Services")
    values.update(kw)
    return PortfolioView(**values)


def test_items_in_order_with_the_photo_and_the_footer():
    data = render_portfolio(view())
    text = all_text(data)
    assert "Nguyễn Thị Ánh: my portfolio" in text
    assert text.index("Cakes I decorated") < text.index("Smith & Sons <Bakery>")
    assert "Sold at the church sale." in text and "Portfolio PE-0007 · version 2026-11-30" in text
    assert "Page 1 of" in text
    images = [img for page in reader(data).pages for img in page.images]
    assert len(images) == 1


@pytest.mark.parametrize("large_print", [False, True])
def test_every_font_is_embedded_dejavu(large_print):
    found = fonts(render_portfolio(view(), large_print=large_print))
    assert found
    for font in found:
        assert font["base"].split("+")[-1] in ("DejaVuSans", "DejaVuSans-Bold"), font["base"]
        assert font["descriptor"] is not None and "/FontFile2" in font["descriptor"], font["base"]


def test_large_print_is_bigger():
    standard, large = render_portfolio(view()), render_portfolio(view(), large_print=True)
    assert median_font_size(large) > median_font_size(standard) * 1.4


def test_a_copy_for_a_partner_says_who_it_was_made_for():
    assert "for State VR" in all_text(render_portfolio(view(for_party="State VR")))
