"""The functions–partners network chart, drawn on an Agg figure (no display)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from erfakit.charts.partners import (  # noqa: E402
    FUNCTION_COLOURS,
    MAX_LABELS_PER_SIDE,
    SHARED_BACKGROUND,
    partner_network_size,
    plot_partner_network,
)
from erfakit.core.model import Function, Partner, PartnerCategory  # noqa: E402

F, C = Function, PartnerCategory


@pytest.fixture
def ax():
    figure, axes = plt.subplots(figsize=(14, 8))
    yield axes
    plt.close(figure)


def partner(name: str, function: Function, category: PartnerCategory = C.MYNDIGHEDER) -> Partner:
    return Partner(name=name, function=function, category=category)


def texts_by_gid(ax: Axes) -> dict[str, object]:
    return {artist.get_gid(): artist for artist in ax.texts if artist.get_gid()}


def links(ax: Axes) -> dict[str, object]:
    return {line.get_gid(): line for line in ax.lines if (line.get_gid() or "").startswith("link:")}


PARTNERS = [
    partner("Københavns Kommune", F.DRIFT),
    partner("københavns kommune", F.BOLIGSOCIAL),
    partner("Lejerforeningen", F.UDLEJNING, C.FORENINGER),
    partner("Mødregruppen", F.BOLIGSOCIAL, C.BEBOERNETVAERK),
]


def test_chart_returns_the_axes_it_drew_on(ax: Axes) -> None:
    assert plot_partner_network(ax, PARTNERS) is ax
    assert ax.get_title(loc="left") == "Samarbejdspartnere pr. funktion"


def test_every_function_is_a_node_and_every_function_partner_pair_a_line(ax: Axes) -> None:
    plot_partner_network(ax, PARTNERS)
    texts = texts_by_gid(ax)
    assert {f"function:{function.value}" for function in Function} <= set(texts)
    assert set(links(ax)) == {
        "link:drift:Københavns Kommune",
        "link:boligsocial:Københavns Kommune",
        "link:udlejning:Lejerforeningen",
        "link:boligsocial:Mødregruppen",
    }
    assert links(ax)["link:drift:Københavns Kommune"].get_color() == FUNCTION_COLOURS[F.DRIFT]


def test_shared_partners_are_emphasised_in_bold_on_a_highlight_with_thicker_lines(ax: Axes) -> None:
    plot_partner_network(ax, PARTNERS)
    texts = texts_by_gid(ax)
    shared, single = texts["partner:Københavns Kommune"], texts["partner:Lejerforeningen"]
    assert shared.get_fontweight() == "bold"
    assert single.get_fontweight() == "normal"
    assert shared.get_bbox_patch() is not None
    assert matplotlib.colors.same_color(shared.get_bbox_patch().get_facecolor(), SHARED_BACKGROUND)
    assert single.get_bbox_patch() is None
    lines = links(ax)
    assert (
        lines["link:drift:Københavns Kommune"].get_linewidth() > lines["link:udlejning:Lejerforeningen"].get_linewidth()
    )


def test_partners_sit_on_their_categorys_side(ax: Axes) -> None:
    plot_partner_network(ax, PARTNERS)
    texts = texts_by_gid(ax)
    function_x = texts["function:drift"].get_position()[0]
    assert texts["partner:Københavns Kommune"].get_position()[0] < function_x  # Myndigheder: left
    assert texts["partner:Mødregruppen"].get_position()[0] > function_x  # Beboernetværk: right


def test_empty_partner_list_says_so_instead_of_drawing_nothing(ax: Axes) -> None:
    plot_partner_network(ax, [], lang="en")
    assert [t.get_text() for t in ax.texts] == ["No partners entered yet"]


def test_many_partners_are_summed_up_keeping_every_shared_partner_visible(ax: Axes) -> None:
    many = [partner(f"Forening {i:03d}", F.DRIFT) for i in range(60)]
    many += [partner("Zulu-netværket", F.DRIFT), partner("Zulu-netværket", F.UDLEJNING)]
    plot_partner_network(ax, many)
    texts = texts_by_gid(ax)
    assert "partner:Zulu-netværket" in texts
    shown = sum(1 for gid in texts if gid.startswith("partner:"))
    assert shown == MAX_LABELS_PER_SIDE
    assert any(t.get_text() == f"… og {61 - MAX_LABELS_PER_SIDE} flere" for t in ax.texts)


def test_suggested_figure_grows_with_the_number_of_partners() -> None:
    small = partner_network_size(PARTNERS)
    large = partner_network_size([partner(f"P{i}", F.DRIFT) for i in range(25)])
    assert small[1] < large[1]
    assert small[0] == large[0]


def test_chart_draws_without_error_on_a_full_figure(ax: Axes) -> None:
    plot_partner_network(ax, PARTNERS, lang="en")
    ax.figure.canvas.draw()
    assert "Operations" in [t.get_text() for t in ax.texts]
