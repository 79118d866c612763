"""The portfolio: items in order, photos checked by their bytes, agreement per item, and a PDF that holds
only the agreed items (read back with pypdf); a copy for a partner needs a release and is logged."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab import rl_config

from caseteam.domain.consent import InformationCategory as C
from caseteam.domain.organizations import OrganizationKind
from caseteam.errors import ConsentRequired, ValidationError
from caseteam.services import consent, organizations, people, portfolio

from builders import record_exchange


def png(color=(200, 120, 40), size=(60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 50), (10, 90, 200)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def _invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture
def desk(store, actor):
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Nguyễn", home_organization_id=crp.id)
    return dict(store=store, actor=actor, ana=ana, vr=vr)


def run(desk, fn, *args, **kwargs):
    with desk["store"].unit_of_work() as uow:
        return fn(uow, desk["actor"], *args, **kwargs)


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_holds_only_agreed_items_with_their_photos(desk):
    cake, _ = run(desk, portfolio.add_item, desk["ana"].id, title="Cakes I decorated",
                  body="Birthday cakes for the church sale.", photo=png(), filename="cake.png")
    secret, _ = run(desk, portfolio.add_item, desk["ana"].id, title="Hospital volunteering",
                    body="Ward visits I would rather keep private.")
    biscuits, _ = run(desk, portfolio.add_item, desk["ana"].id, title="Dog biscuits", photo=jpeg(),
                      filename="biscuits.jpg")
    assert (cake.photo_type, biscuits.photo_type, secret.photo_id) == ("image/png", "image/jpeg", None)
    assert cake.agreement_text == "Not agreed yet: not printed"
    with pytest.raises(ValidationError) as refused:
        run(desk, portfolio.portfolio_pdf, desk["ana"].id)
    assert refused.value.field == "items"
    today = date.today()
    cake, _ = run(desk, portfolio.record_agreement, cake.id, agreed_on=today, how="Said yes in our meeting")
    run(desk, portfolio.record_agreement, biscuits.id, agreed_on=today - timedelta(days=1), how="Signed the list")
    assert cake.agreed and cake.agreement_text == f"Agreed {today.isoformat()} (Said yes in our meeting)"
    data = run(desk, portfolio.portfolio_pdf, desk["ana"].id)
    text = text_of(data)
    assert "Cakes I decorated" in text and "Birthday cakes for the church sale." in text and "Dog biscuits" in text
    assert "Hospital volunteering" not in text and "rather keep private" not in text
    assert "Ana Nguyễn" in text and "Page 1 of" in text
    reader = PdfReader(io.BytesIO(data))
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 2  # both agreed photos are drawn
    large = run(desk, portfolio.portfolio_pdf, desk["ana"].id, large_print=True)
    assert len(PdfReader(io.BytesIO(large)).pages) >= len(reader.pages)


def test_changing_an_item_asks_for_agreement_again_and_order_follows_moves(desk):
    first, _ = run(desk, portfolio.add_item, desk["ana"].id, title="First")
    second, _ = run(desk, portfolio.add_item, desk["ana"].id, title="Second")
    first, _ = run(desk, portfolio.record_agreement, first.id, agreed_on=date.today(), how="Said yes")
    changed, _ = run(desk, portfolio.update_item, first.id, version=first.version, body="New words")
    assert not changed.agreed and changed.body == "New words"
    run(desk, portfolio.move_item, second.id, -1)
    with desk["store"].unit_of_work(write=False) as uow:
        assert [i.title for i in portfolio.list_items(uow, desk["actor"], desk["ana"].id)] == ["Second", "First"]
    run(desk, portfolio.set_item_archived, second.id, True)
    with desk["store"].unit_of_work(write=False) as uow:
        assert [i.title for i in portfolio.list_items(uow, desk["actor"], desk["ana"].id)] == ["First"]


def test_only_png_or_jpeg_photos_under_five_megabytes(desk):
    for data, name in ((b"%PDF-1.7 not a picture", "resume.png"), (b"GIF89a......", "anim.gif"), (b"", "empty.jpg")):
        with pytest.raises(ValidationError) as refused:
            run(desk, portfolio.add_item, desk["ana"].id, title="Photo", photo=data, filename=name)
        assert refused.value.field == "photo" and name in refused.value.message
    too_big = b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        run(desk, portfolio.add_item, desk["ana"].id, title="Photo", photo=too_big, filename="huge.png")
    assert "at most 5 MB" in refused.value.message
    with desk["store"].unit_of_work(write=False) as uow:
        assert portfolio.list_items(uow, desk["actor"], desk["ana"].id) == []  # nothing half-written


def test_a_copy_for_a_partner_needs_a_release_and_is_logged(desk):
    item, _ = run(desk, portfolio.add_item, desk["ana"].id, title="Cakes I decorated")
    run(desk, portfolio.record_agreement, item.id, agreed_on=date.today(), how="Said yes")
    with pytest.raises(ConsentRequired):
        run(desk, portfolio.portfolio_pdf, desk["ana"].id, for_party=desk["vr"].id)
    record_exchange(desk["store"], desk["actor"], desk["ana"].id, desk["vr"].id,
                    categories=[C.EMPLOYMENT, C.VOCATIONAL])
    data = run(desk, portfolio.portfolio_pdf, desk["ana"].id, for_party=desk["vr"].id)
    assert "for State VR" in text_of(data)
    with desk["store"].unit_of_work(write=False) as uow:
        log = consent.disclosures(uow, desk["actor"], desk["ana"].id)
    assert log[0].recipient_name == "State VR" and "Portfolio" in log[0].description
