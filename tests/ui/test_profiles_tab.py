"""The Profiles tab as a user sees it: live checks, ticks that persist, undo, pictures, read-only plans."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from smoplanner.core.plan_settings import PlanSettingsData, PlatformEntry, platform_entry
from smoplanner.store.demo.profiles import solid_png
from smoplanner.store.planfile import PlanFile
from smoplanner.store.profiles import get_profile, get_ticks, image_data, update_profile
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.profiles import tab as tab_module
from smoplanner.ui.profiles.models import LimitsModel, ScoreRole
from smoplanner.ui.profiles.tab import ProfilesTab

DATA = Path(__file__).parent.parent / "data"


def _settings(platforms=("instagram", "tiktok")) -> PlanSettingsData:
    return PlanSettingsData(
        business_name="Bäckerei Sonne",
        website="https://sonne-backt.de",
        keywords=("sourdough bread",),
        currency="EUR",
        timezone="Europe/Berlin",
        locale="de_DE",
        platforms=tuple(platform_entry(code) for code in platforms),
    )


@pytest.fixture
def plan_path(tmp_path):
    path = tmp_path / "sonne.smoplan"
    PlanFile.create(path, _settings()).close()
    return path


def _open_tab(qtbot, path, lock="acquire"):
    plan = PlanFile.open(path, lock=lock)
    document = PlanDocument(plan)
    tab = ProfilesTab(document)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    return plan, document, tab


def _status(tab, code):
    model = tab.checklist_model
    for row in range(model.rowCount()):
        if model.result_at(row).code == code:
            return model.result_at(row).status
    raise AssertionError(code)


def _row(tab, code):
    model = tab.checklist_model
    return next(r for r in range(model.rowCount()) if model.result_at(r).code == code)


def test_typing_updates_checklist_and_score_before_anything_is_stored(qtbot, plan_path):
    plan, _doc, tab = _open_tab(qtbot, plan_path)
    try:
        assert tab.current_platform() == "instagram"
        assert _status(tab, "bio_filled") == "fail"
        before = tab.platform_model.index(0).data(ScoreRole)
        tab.form.bio.setPlainText("Sourdough bread from Kreuzberg, baked daily.")
        assert _status(tab, "bio_filled") == "ok"
        assert _status(tab, "bio_keywords") == "ok"
        assert tab.form.bio_count.text() == "44 / 150"
        after = tab.platform_model.index(0).data(ScoreRole)
        assert after > before
        assert "%" in tab.overall_label.text()
        with plan.session() as s:  # not committed yet: the check ran on the draft
            assert get_profile(s, "instagram").bio == ""
        tab.form.bio.setPlainText("x" * 151)
        assert _status(tab, "bio_length") == "fail"
        assert "1 too long" in tab.form.bio_count.text()
    finally:
        plan.close(save=False)


def test_ticking_a_manual_item_persists_across_reopen(qtbot, plan_path):
    plan, _doc, tab = _open_tab(qtbot, plan_path)
    row = _row(tab, "highlights")
    index = tab.checklist_model.index(row, 1)
    assert tab.checklist_model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert tab.checklist_model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert _status(tab, "highlights") == "ok"
    plan.close()

    plan, _doc, tab = _open_tab(qtbot, plan_path)
    try:
        assert _status(tab, "highlights") == "ok"
        index = tab.checklist_model.index(_row(tab, "highlights"), 1)
        assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    finally:
        plan.close(save=False)


def test_undo_restores_the_previous_bio(qtbot, plan_path):
    plan, doc, tab = _open_tab(qtbot, plan_path)
    try:
        tab.form.bio.setPlainText("First bio")
        tab.form.commit_pending()
        tab.form.bio.setPlainText("Second bio")
        qtbot.waitUntil(lambda: doc.undo_stack.count() == 2, timeout=3000)  # the pause in typing commits
        with plan.session() as s:
            assert get_profile(s, "instagram").bio == "Second bio"
        doc.undo_stack.undo()
        assert tab.form.bio.toPlainText() == "First bio"
        with plan.session() as s:
            assert get_profile(s, "instagram").bio == "First bio"
        doc.undo_stack.redo()
        assert tab.form.bio.toPlainText() == "Second bio"
    finally:
        plan.close(save=False)


def test_line_edit_is_committed_when_finished_and_undoable(qtbot, plan_path):
    plan, doc, tab = _open_tab(qtbot, plan_path)
    try:
        tab.form.display_name.setText("Sonne")
        tab.form.display_name.editingFinished.emit()
        with plan.session() as s:
            assert get_profile(s, "instagram").display_name == "Sonne"
        doc.undo_stack.undo()
        assert tab.form.display_name.text() == ""
    finally:
        plan.close(save=False)


def test_not_applicable_and_custom_items(qtbot, plan_path, monkeypatch):
    plan, doc, tab = _open_tab(qtbot, plan_path)
    try:
        tab.checklist_view.setCurrentIndex(tab.checklist_model.index(_row(tab, "pinned_post"), 0))
        tab.na_button.click()
        assert _status(tab, "pinned_post") == "na"
        monkeypatch.setattr(tab_module, "ask_custom_item_label", lambda parent: "Reply to DMs daily")
        tab.add_button.click()
        labels = [tab.checklist_model.result_at(r).label for r in range(tab.checklist_model.rowCount())]
        assert "Reply to DMs daily" in labels
        with plan.session() as s:
            ticks = get_ticks(s, "instagram")
        assert ticks.states["pinned_post"] == "na"
        assert "Reply to DMs daily" in ticks.custom_labels.values()
        doc.undo_stack.undo()
        doc.undo_stack.undo()
        assert _status(tab, "pinned_post") == "fail"
    finally:
        plan.close(save=False)


def test_picture_from_disk_is_kept_in_the_plan(qtbot, plan_path, tmp_path, monkeypatch):
    picture = tmp_path / "logo.png"
    picture.write_bytes(solid_png(400, 400, (200, 30, 30)))
    monkeypatch.setattr(tab_module, "ask_image_path", lambda parent, title: picture)
    plan, _doc, tab = _open_tab(qtbot, plan_path)
    tab.form.picture_box.choose.click()
    assert _status(tab, "picture_set") == "ok"
    assert "400×400" in tab.form.picture_box.info.text()
    plan.close()
    picture.unlink()

    plan, _doc, tab = _open_tab(qtbot, plan_path)
    try:
        pixmap = tab.form.picture_box.thumb.pixmap()
        assert pixmap is not None and not pixmap.isNull()
        assert _status(tab, "picture_set") == "ok"
    finally:
        plan.close(save=False)


def test_a_file_that_is_not_a_picture_is_refused_with_a_message(qtbot, plan_path, tmp_path, monkeypatch):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    monkeypatch.setattr(tab_module, "ask_image_path", lambda parent, title: bad)
    plan, doc, tab = _open_tab(qtbot, plan_path)
    try:
        tab.form.picture_box.choose.click()
        assert "not a picture" in tab.form.picture_box.info.text()
        assert doc.undo_stack.count() == 0
    finally:
        plan.close(save=False)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note when a dialog opens
def test_read_only_plan_shows_but_does_not_edit(qtbot, plan_path):
    plan = PlanFile.open(plan_path)
    with plan.session() as s:
        update_profile(s, "instagram", bio="Sourdough bread", handle="sonne")
    plan.close()
    plan, doc, tab = _open_tab(qtbot, plan_path, lock="readonly")
    try:
        assert tab.form.bio.toPlainText() == "Sourdough bread"
        assert tab.form.handle.isReadOnly() and tab.form.bio.isReadOnly()
        qtbot.keyClicks(tab.form.handle, "xyz")
        assert tab.form.handle.text() == "sonne"
        assert not tab.form.picture_box.choose.isEnabled()
        index = tab.checklist_model.index(_row(tab, "highlights"), 1)
        assert not tab.checklist_model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        assert not tab.checklist_model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        tab.checklist_view.setCurrentIndex(tab.checklist_model.index(_row(tab, "pinned_post"), 0))
        assert not tab.na_button.isEnabled() and not tab.add_button.isEnabled()
        assert not tab.form.reviewed_today.isEnabled() and tab.form.reviewed.isReadOnly()
        tab.form.commit_pending()  # nothing is written even when asked
        tab.show_limits()
        limits = tab._limits.model
        assert not limits.flags(limits.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
        assert not limits.setData(limits.index(0, 1), 1)
        tab._limits.close()
        assert doc.undo_stack.count() == 0
        assert not plan.is_dirty
    finally:
        plan.close(save=False)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note when a dialog opens
def test_an_override_from_the_limits_dialog_is_saved_and_shown(qtbot, plan_path):
    plan, doc, tab = _open_tab(qtbot, plan_path)
    try:
        tab.form.bio.setPlainText("Sourdough bread " * 8)  # 128 characters
        tab.form.commit_pending()
        assert _status(tab, "bio_length") == "ok"
        tab.show_limits()
        model = tab._limits.model
        row = next(r for r in range(model.rowCount()) if model.row_at(r).field == "bio")
        assert model.setData(model.index(row, 1), 100)
        assert _status(tab, "bio_length") == "fail"
        assert "overridden" in model.index(row, 1).data()
        assert tab.form.bio_count.text() == "127 / 100 — 27 too long"  # counted without the trailing space
        doc.undo_stack.undo()
        assert _status(tab, "bio_length") == "ok"
        doc.undo_stack.redo()
        tab._limits.close()
        plan.close()
        plan, doc, tab = _open_tab(qtbot, plan_path)  # saved in the plan, and shown as overridden
        assert _status(tab, "bio_length") == "fail"
        tab.show_limits()
        model = tab._limits.model
        row = next(r for r in range(model.rowCount()) if model.row_at(r).field == "bio")
        assert model.index(row, 1).data() == "100 (overridden)"
        assert "You changed this value" in model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
        tab._limits.close()
    finally:
        plan.close(save=False)


def test_empty_state_points_to_plan_settings(qtbot, tmp_path):
    path = tmp_path / "empty.smoplan"
    PlanFile.create(path, _settings(platforms=())).close()
    plan, _doc, tab = _open_tab(qtbot, path)
    try:
        assert tab.stack.currentWidget() is tab.empty_page
        assert "Plan Settings" in tab.empty_label.text()
    finally:
        plan.close(save=False)


def test_every_item_model_passes_the_model_tester(qtbot, qtmodeltester, plan_path):
    plan, _doc, tab = _open_tab(qtbot, plan_path)
    try:
        tab.form.bio.setPlainText("Sourdough bread")
        qtmodeltester.check(tab.platform_model)
        qtmodeltester.check(tab.checklist_model)
        qtmodeltester.check(tab.matrix_model)
        limits = LimitsModel(tab)
        with plan.session() as s:
            from smoplanner.store.profiles import rulebook_for

            limits.set_rules(rulebook_for(s).platform("instagram"))
        qtmodeltester.check(limits)
    finally:
        plan.close(save=False)


def test_format1_plan_is_upgraded_and_its_profiles_work(qtbot, tmp_path):
    path = tmp_path / "cafe.smoplan"
    shutil.copy(DATA / "plans" / "format1-cafe.smoplan", path)
    plan, _doc, tab = _open_tab(qtbot, path)
    try:
        assert plan.upgraded_from == 1
        assert tab.platform_model.rowCount() > 0
        tab.form.handle.setText("cafelumen")
        tab.form.handle.editingFinished.emit()
        with plan.session() as s:
            assert get_profile(s, tab.current_platform()).handle == "cafelumen"
        plan.save()
        assert path.with_name(path.name + ".bak-fmt1").exists()
    finally:
        plan.close(save=False)
    reopened = PlanFile.open(path)
    try:
        assert reopened.upgraded_from is None
    finally:
        reopened.close(save=False)


def test_matrix_cells_show_a_mark_and_compare_values(qtbot, plan_path):
    plan = PlanFile.open(plan_path)
    with plan.session() as s:
        update_profile(s, "instagram", display_name="Bäckerei Sonne", handle="sonne")
        update_profile(s, "tiktok", display_name="Sonne GmbH", handle="sonne")
    plan.close()
    plan, _doc, tab = _open_tab(qtbot, plan_path)
    try:
        model = tab.matrix_model
        assert model.headerData(1, Qt.Orientation.Horizontal) == "TikTok"
        assert model.index(0, 0).data().startswith("✓")
        assert model.index(0, 1).data().startswith("≠")
        tooltip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
        assert "Bäckerei Sonne" in tooltip and "Sonne GmbH" in tooltip
    finally:
        plan.close(save=False)


def test_today_is_used_for_the_review_check(qtbot, plan_path):
    plan, _doc, tab = _open_tab(qtbot, plan_path)
    try:
        tab.form.reviewed_today.click()
        assert _status(tab, "recently_reviewed") == "ok"
        with plan.session() as s:
            assert get_profile(s, "instagram").last_reviewed == date.today()
    finally:
        plan.close(save=False)


def test_a_platform_without_handles_shows_not_applicable(qtbot, tmp_path):
    path = tmp_path / "gbp.smoplan"
    PlanFile.create(path, _settings(platforms=("instagram", "google_business"))).close()
    plan = PlanFile.open(path)
    with plan.session() as s:
        update_profile(s, "instagram", handle="sonne")
    plan.close()
    plan, _doc, tab = _open_tab(qtbot, path)
    try:
        tab.select_platform("google_business")
        assert tab.current_platform() == "google_business"
        assert not tab.form.form.isRowVisible(tab.form.handle)
        assert _status(tab, "handle_valid") == "na" and _status(tab, "handle_consistent") == "na"
        model = tab.matrix_model
        column = next(
            c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Google Business"
        )
        handle = model.index(1, column)
        assert handle.data() == "– not applicable"
        assert "missing" not in handle.data(Qt.ItemDataRole.ToolTipRole).split("\n")[0]
        tab.select_platform("instagram")
        assert tab.form.form.isRowVisible(tab.form.handle)
    finally:
        plan.close(save=False)


def test_the_form_is_not_cut_off_in_a_small_window(qtbot, plan_path):
    plan, _doc, tab = _open_tab(qtbot, plan_path)
    try:
        tab.resize(900, 560)
        tab.show()
        qtbot.waitExposed(tab)
        scroll = tab.form_scroll
        assert tab.form.width() >= tab.form.minimumSizeHint().width()  # nothing clipped at the right
        assert tab.form.bio_count.geometry().right() <= scroll.viewport().width()
        tab.resize(1200, 780)
        qtbot.wait(10)
        form_width, checklist_width = tab.profile_splitter.sizes()
        assert form_width >= 400 and form_width >= 0.75 * checklist_width
    finally:
        plan.close(save=False)


def _centre_colour(box):
    image = box.thumb.pixmap().toImage()
    colour = image.pixelColor(image.width() // 2, image.height() // 2)
    return colour.red(), colour.green(), colour.blue()


def test_a_replaced_picture_shows_and_undoes_as_itself(qtbot, plan_path, tmp_path, monkeypatch):
    """The stored id of a removed picture is used again for the next one: the tab must not mix them up."""
    red, blue = tmp_path / "red.png", tmp_path / "blue.png"
    red.write_bytes(solid_png(400, 400, (220, 0, 0)))
    blue.write_bytes(solid_png(400, 400, (0, 0, 220)))
    chosen = [red]
    monkeypatch.setattr(tab_module, "ask_image_path", lambda parent, title: chosen[0])
    plan, doc, tab = _open_tab(qtbot, plan_path)
    box = tab.form.picture_box

    def stored():
        with plan.session() as s:
            ref = get_profile(s, "instagram").picture
            return image_data(s, ref.id) if ref else None

    try:
        box.choose.click()
        assert _centre_colour(box) == (220, 0, 0)
        box.remove.click()
        assert stored() is None
        chosen[0] = blue
        box.choose.click()
        assert stored() == blue.read_bytes()
        assert _centre_colour(box) == (0, 0, 220)
        chosen[0] = red
        box.choose.click()
        assert stored() == red.read_bytes()
        assert _centre_colour(box) == (220, 0, 0)
        doc.undo_stack.undo()
        assert stored() == blue.read_bytes()
        assert _centre_colour(box) == (0, 0, 220)
        doc.undo_stack.undo()
        assert stored() is None
        doc.undo_stack.undo()
        assert stored() == red.read_bytes()
        assert _centre_colour(box) == (220, 0, 0)
        doc.undo_stack.redo()
        doc.undo_stack.redo()
        assert stored() == blue.read_bytes()
        assert _centre_colour(box) == (0, 0, 220)
    finally:
        plan.close(save=False)


def test_a_form_taller_than_the_window_is_not_cut_at_the_right(qtbot, monkeypatch):
    from smoplanner.ui import dialogs
    from smoplanner.ui.mainwindow import MainWindow

    monkeypatch.setattr(dialogs, "show_error", lambda *_a: None)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1200, 780)
    window.show()
    window.open_sample()
    window.tabs.setCurrentIndex(1)
    tab = window.tab_content("&Profiles")
    scroll = tab.form_scroll
    # As first laid out (before any later relayout), the form fits beside its scroll bar.
    assert tab.form.width() <= scroll.viewport().width()
    qtbot.wait(10)
    assert tab.form.width() <= scroll.viewport().width()
    assert tab.form.bio_count.geometry().right() <= scroll.viewport().width()
    window.close_plan()


def _messages(tab):
    model = tab.checklist_model
    return {model.result_at(r).code: model.result_at(r).message for r in range(model.rowCount())}


def test_a_custom_platform_keeps_its_own_name_and_takes_limits_of_your_own(qtbot, tmp_path):
    path = tmp_path / "nebenan.smoplan"
    settings = _settings(platforms=("instagram",))
    settings = settings.with_changes(platforms=(*settings.platforms, PlatformEntry("nebenan_de", "nebenan.de", True)))
    PlanFile.create(path, settings).close()
    plan, _doc, tab = _open_tab(qtbot, path)
    try:
        tab.select_platform("nebenan_de")
        tab.form.bio.setPlainText("Sourdough bread from Sonne, fresh every morning")
        tab.form.commit_pending()
        messages = _messages(tab)
        assert messages["banner_set"] == "No banner rule for nebenan.de."
        assert messages["bio_length"] == "We know no limits for nebenan.de; add your own in Limits…"
        assert tab.profile_score.text().startswith("nebenan.de profile: ")
        assert not any("Nebenan" in text for text in messages.values())

        tab.show_limits()
        dialog = tab._limits
        assert dialog.windowTitle() == "nebenan.de limits"
        assert "We know no limits for nebenan.de" in dialog.intro.text()
        model = dialog.model
        fields = {model.row_at(r).field: r for r in range(model.rowCount())}
        assert set(fields) == {"bio", "post_text"}  # not a dead end: limits to fill in
        assert model.index(fields["bio"], 1).data() == "not set"
        assert model.flags(model.index(fields["bio"], 1)) & Qt.ItemFlag.ItemIsEditable
        assert model.setData(model.index(fields["bio"], 1), 20)
        assert _status(tab, "bio_length") == "fail"
        assert "too long for nebenan.de" in _messages(tab)["bio_length"]
        row = tab._limits.model.row_of("bio")
        assert dialog.model.index(row, 1).data() == "20 (overridden)"
        dialog.view.setCurrentIndex(dialog.model.index(row, 1))
        assert dialog.reset_button.isEnabled() and dialog.reset_button.text() == "Remove my limit"
        dialog.reset_button.click()
        assert _messages(tab)["bio_length"] == "We know no limits for nebenan.de; add your own in Limits…"
        dialog.close()
    finally:
        plan.close(save=False)


def test_use_the_rulebook_value_only_works_on_an_overridden_row(qtbot, plan_path):
    plan, _doc, tab = _open_tab(qtbot, plan_path)
    try:
        tab.show_limits()
        dialog = tab._limits
        model = dialog.model
        assert not dialog.reset_button.isEnabled()  # nothing selected
        bio = model.row_of("bio")
        dialog.view.setCurrentIndex(model.index(bio, 1))
        assert not dialog.reset_button.isEnabled()  # the rulebook value already
        assert model.setData(model.index(bio, 1), 100)
        bio = model.row_of("bio")
        dialog.view.setCurrentIndex(model.index(bio, 1))
        assert dialog.reset_button.isEnabled()
        other = next(r for r in range(model.rowCount()) if not model.row_at(r).overridden)
        dialog.view.setCurrentIndex(model.index(other, 1))
        assert not dialog.reset_button.isEnabled()
        dialog.view.setCurrentIndex(model.index(model.row_of("bio"), 1))
        dialog.reset_button.click()
        assert not model.row_at(model.row_of("bio")).overridden
        assert not dialog.reset_button.isEnabled()
        dialog.close()
    finally:
        plan.close(save=False)


def test_google_business_profile_is_not_called_profile_profile(qtbot, tmp_path):
    path = tmp_path / "gbp.smoplan"
    PlanFile.create(path, _settings(platforms=("google_business", "instagram"))).close()
    plan, _doc, tab = _open_tab(qtbot, path)
    try:
        tab.select_platform("google_business")
        assert tab.profile_score.text().startswith("Google Business Profile: ")
        tab.select_platform("instagram")
        assert tab.profile_score.text().startswith("Instagram profile: ")
    finally:
        plan.close(save=False)
