"""The vocational profile (what Discovery found) as a PDF for the person and the job developer to sign.
Same layout, marks and signature block as the plan (plan_document.py)."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from . import styles as st
from .blocks import escape_text, para
from .plan_document import about_block, build, own_words_note, section_blocks, signature_block, title_block
from .plan_views import ProfileView

TITLE = "My vocational profile"


def render_profile(view: ProfileView, *, large_print: bool = False) -> bytes:
    s = st.style_set(large_print=large_print)
    a = view.about
    story = title_block(TITLE, "Vocational profile", a, s)
    story.append(para(f"This profile says what {a.person_name} and their team learned during Discovery: what "
                      f"{a.person_name} is good at, what they enjoy, and the conditions in which they do their "
                      "best work. It guides the search for a job that fits." + own_words_note(a, view.sections),
                      s.body))
    story += about_block(a, s)
    story += section_blocks(view.sections[:2], s)
    story.append(para("Vocational themes", s.heading))
    if view.themes:
        story += [Paragraph(escape_text(theme), s.bullet, bulletText=f"{n}.")
                  for n, theme in enumerate(view.themes, start=1)]
    else:
        story.append(para("Not written yet.", s.small))
    story += section_blocks(view.sections[2:], s)
    story += signature_block(a, s, agreement=(
        "I have read this profile, or had it read or explained to me. It describes me as I want employers "
        "and my team to know me. I know I can ask to change it at any time."))
    return build(story, a, s, "Vocational profile", large_print)
