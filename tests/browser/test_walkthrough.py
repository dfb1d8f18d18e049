"""A planning round walked through in headless Chromium, in Vietnamese, on the Điện Biên demo.

A planner opens the demo round; Mường Nhé's focal point adds requests and submits; the planner
closes requests, solves for 10 s and watches it finish, moves a class and publishes; the class's
trainer and an official then see their published classes.
"""

from __future__ import annotations

import logging
import re
import time

import pytest
from sqlalchemy import func, select

from tests.browser.conftest import CHROMIUM
from tests.browser.moves import class_to_move

if not CHROMIUM.exists():
    pytest.skip(f"browser tests skipped: {CHROMIUM} is missing", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser
log = logging.getLogger(__name__)
SOLVE_SECONDS = 10


# ---- what the demo holds (read once, to know which names and counts to expect) ---------------
def demo_facts(app) -> dict:
    """Ids and names of the demo round, focal commune, trainer and official."""
    from scheduler.auth.models import User
    from scheduler.extensions import db
    from scheduler.rounds.models import TrainingRound

    with app.app_context():
        training_round = db.session.scalars(select(TrainingRound)).one()
        users = {u.role: u for u in db.session.scalars(select(User))}
        trainer, official = users["trainer"].trainer, users["official"].official
        return {"round_id": training_round.id, "round": training_round.name,
                "commune": users["focal_point"].commune.name,
                "commune_id": users["focal_point"].commune_id,
                "trainer_id": trainer.id, "trainer": trainer.name,
                "official_id": official.id, "official": official.name}


def published_classes_of(app, official_id: int) -> int:
    """How many published classes seat the official."""
    from scheduler.extensions import db
    from scheduler.planning.models import ClassSeat, TrainingClass

    with app.app_context():
        return db.session.scalar(select(func.count(TrainingClass.id)).join(ClassSeat).where(
            TrainingClass.state == "published", ClassSeat.official_id == official_id))


# ---- small steps -------------------------------------------------------------------------------
def log_in(page, username: str, password: str) -> None:
    """Log in through the form."""
    page.goto("/auth/login")
    expect(page.locator("h1")).to_have_text("Đăng nhập")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def flash(page, kind: str = "success"):
    """The flash messages of one kind."""
    return page.locator(f"p.flash.{kind}")


def facts_value(page, label: str) -> str:
    """The value next to a label of the page's facts list."""
    return page.locator(f"dl.facts dt:text-is('{label}') + dd").first.inner_text().strip()


class Clock:
    """Logs how long each step of the walk took."""

    def __init__(self):
        self.last = time.monotonic()
        self.times: dict[str, float] = {}

    def lap(self, step: str) -> None:
        """Record the time since the previous lap under `step`."""
        now = time.monotonic()
        self.times[step] = round(now - self.last, 1)
        self.last = now
        log.info("walk step %s: %.1f s", step, self.times[step])


# ---- the walk ----------------------------------------------------------------------------------
def planner_opens_the_round(page, facts, shoot) -> None:
    """The planner logs in, sees the dashboard, the communes and the collecting round."""
    page.goto("/auth/login")
    shoot(page, "01-login")
    log_in(page, "planner", "planner-demo")
    expect(page.locator("h1")).to_have_text("Tổng quan")
    expect(page.locator("main")).to_contain_text(facts["round"])
    shoot(page, "02-planner-home")
    page.get_by_role("link", name="Xã, phường").first.click()
    expect(page.locator("main")).to_contain_text(facts["commune"])
    shoot(page, "03-communes")
    page.goto(f"/rounds/{facts['round_id']}")
    expect(page.locator("h1")).to_have_text(facts["round"])
    assert facts_value(page, "Trạng thái") == "Đang thu thập nhu cầu"
    shoot(page, "04-round")
    page.goto(f"/trainers/{facts['trainer_id']}/availability/{facts['round_id']}")
    expect(page.locator("main")).to_contain_text(facts["trainer"])
    shoot(page, "06-trainer-availability")


def focal_point_submits(page, facts, shoot) -> None:
    """Mường Nhé's focal point adds three requests for an official, then submits."""
    log_in(page, "muongnhe", "muongnhe-demo")
    page.get_by_role("link", name="Yêu cầu").first.click()
    page.goto(f"/requests/{facts['round_id']}/communes/{facts['commune_id']}")
    expect(page.locator("h1")).to_have_text(f"Đăng ký của {facts['commune']}")
    before = int(facts_value(page, "Yêu cầu"))
    empty = page.locator("table.priorities tbody tr").first.locator("input[name^='p-']")
    filled = 0
    for cell in empty.all():
        if filled < 3 and not cell.input_value():
            cell.fill(str(3 - filled))
            filled += 1
    assert filled == 3, "the first official already asks for every topic"
    shoot(page, "05-commune-requests")
    page.get_by_role("button", name="Lưu đăng ký trên trang này").click()
    expect(flash(page, "info")).to_contain_text("Đã lưu")
    assert int(facts_value(page, "Yêu cầu")) == before + 3
    page.get_by_role("button", name="Xác nhận xã/phường đã nộp đăng ký").click()
    expect(flash(page, "info")).to_have_text(f"Đã xác nhận {facts['commune']} nộp đăng ký.")
    assert facts_value(page, "Đã nộp").startswith("Có")


def planner_solves(page, facts, shoot) -> None:
    """The planner closes requests, starts a short solve and watches it until it has finished."""
    page.goto(f"/rounds/{facts['round_id']}")
    page.get_by_role("button", name="Khóa nhận yêu cầu và lập lịch").click()
    expect(flash(page)).to_have_text("Đợt đã chuyển sang “Đang xếp lịch”.")
    page.get_by_role("link", name="Đang xếp lịch").first.click()
    page.get_by_label("Thời gian giới hạn (giây)").fill(str(SOLVE_SECONDS))
    page.get_by_role("button", name="Bắt đầu tính lịch").click()
    expect(flash(page)).to_have_text("Đã bắt đầu giải.")
    state = page.locator("[data-field='status_name']")
    expect(page.locator("[data-field='served_text']")).not_to_have_text("–", timeout=30_000)
    shoot(page, "07-solve-progress")
    expect(state).to_have_text("Đã xong", timeout=90_000)
    served = page.locator("[data-field='served_text']").inner_text()
    assert re.fullmatch(r"\d+ / \d+", served) and int(served.split(" / ")[0]) > 0
    page.get_by_role("link", name="Quay lại trang lập lịch").click()
    assert int(facts_value(page, "Số lớp trong bản nháp")) > 0


def planner_reviews(page, facts, shoot) -> None:
    """The summary, the unserved reasons and the trainer's week grid of the draft."""
    page.goto(f"/review/{facts['round_id']}/")
    expect(page.locator("h1")).to_have_text("Tổng hợp lịch học")
    classes = int(page.locator(".cards .card strong").first.inner_text())
    assert classes > 0
    shoot(page, "08-review-summary")
    page.get_by_role("link", name="Yêu cầu chưa được đáp ứng").first.click()
    expect(page.locator("h1")).to_contain_text("chưa được đáp ứng")
    shoot(page, "10-unserved")
    page.goto(f"/review/{facts['round_id']}/timetable/trainer?item={facts['trainer_id']}")
    expect(page.locator("table.week")).to_be_visible()
    shoot(page, "09-timetable-week")


def planner_moves_a_class(page, facts, app, shoot) -> str:
    """Open one of the trainer's draft classes and move it to the first start the page offers."""
    class_id = class_to_move(app, facts["round_id"], facts["trainer_id"])
    page.goto(f"/review/{facts['round_id']}/classes/{class_id}")
    expect(page.locator("h1")).to_contain_text("Lớp")
    expect(page.locator("p.offer").first).to_contain_text("buổi có thể dời đến")
    first = page.locator("select#start option").first
    start, label = first.get_attribute("value"), first.inner_text()
    page.locator("select#start").select_option(start)
    page.get_by_role("button", name="Dời lớp", exact=True).click()
    expect(flash(page)).to_contain_text("Đã dời lớp")
    expect(page.locator("ul.slots li").first).to_have_text(label)
    shoot(page, "12-class-moved")
    return flash(page).inner_text().split(" sang ")[1].rstrip(".")


def planner_publishes(page, facts) -> int:
    """Publish the draft; the number of classes published."""
    page.goto(f"/planning/{facts['round_id']}")
    page.get_by_role("button", name="Công bố bản nháp").click()
    expect(flash(page)).to_contain_text("Đã công bố lịch:")
    return int(re.search(r"(\d+) lớp", flash(page).inner_text()).group(1))


def test_a_round_from_requests_to_published_classes(live_server, new_page, shoot):
    clock = Clock()
    facts = demo_facts(live_server.app)
    planner = new_page()
    planner_opens_the_round(planner, facts, shoot)
    clock.lap("planner opens the round")
    focal_point_submits(new_page(), facts, shoot)
    clock.lap("focal point submits")
    planner_solves(planner, facts, shoot)
    clock.lap("solve")
    planner_reviews(planner, facts, shoot)
    clock.lap("review pages")
    slot = planner_moves_a_class(planner, facts, live_server.app, shoot)
    clock.lap("move a class")
    assert planner_publishes(planner, facts) > 0
    clock.lap("publish")

    trainer = new_page()
    log_in(trainer, "trainer", "trainer-demo")
    expect(trainer.locator("h1")).to_have_text(facts["trainer"])
    expect(trainer.locator("table.my-classes")).to_contain_text(slot)
    official = new_page()
    log_in(official, "official", "official-demo")
    expect(official.locator("h2", has_text="Lớp của tôi")).to_be_visible()
    rows = official.locator("table.my-classes tbody tr")
    expect(rows).to_have_count(published_classes_of(live_server.app, facts["official_id"]))
    shoot(official, "11-official-classes")
    clock.lap("trainer and official")
    log.info("walk timings: %s", clock.times)

