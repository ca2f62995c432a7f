"""The benchmark's CPU report: per-article CPU of the ingest parts and the scaling bound."""

from __future__ import annotations

from newsevents.bench.pipeline import cpu_report


def test_cpu_report_gives_ms_per_article_and_the_bound() -> None:
    one = {"articles": 1000, "parent_cpu_s": 5.0, "writer_cpu_s": 1.0}
    two = {"articles": 1000, "parent_cpu_s": 1.5, "writer_cpu_s": 1.0, "worker_cpu_s": 4.5}
    text = cpu_report(one, two, 2)
    assert "pipeline (read, process, prepare) 4.00, writer 1.00" in text
    assert "parent 1.50 (writer 1.00), workers 4.50" in text
    # (4 + 1) / max(4.5 / 2, 1.5) = 2.22; sharing 2 cores: (4 + 1) / 3.0 = 1.67
    assert "bound from CPU: 2.22x" in text and "shared by all: 1.67x" in text
    assert cpu_report(one, None, 1).count("\n") == 0


def test_ratio_report_gives_the_median_round_and_the_range() -> None:
    from newsevents.bench.pipeline import _median_run, ratio_report

    extracts = [{"cpu": 10.0, "seconds": 11.0}, {"cpu": 8.0, "seconds": 20.0},
                {"cpu": 10.0, "seconds": 10.0}]
    spacys = [{"cpu": 2.0, "seconds": 2.2}, {"cpu": 2.0, "seconds": 2.0},
              {"cpu": 3.0, "seconds": 3.0}]
    text = ratio_report(extracts, spacys, 0.5, 1.0)
    # CPU ratios per round 20%, 25%, 30%; wall 20%, 10%, 30%; without batch times, the best
    # rounds' CPU: 2 / 8
    assert "= 25% of bare spaCy tokenization" in text
    assert "CPU median 25%, range 20%-30%; wall median 20%, range 10%-30%" in text
    assert "load average 0.50 before, 1.00 after" in text
    assert _median_run(extracts)["seconds"] == 11.0
    assert _median_run(extracts[:2])["seconds"] == 11.0


def test_best_of_rounds_takes_each_batch_at_its_fastest() -> None:
    from newsevents.bench.pipeline import ratio_report

    # A busy spell slowed the second batch of round one and the first of round two.
    extracts = [{"cpu": 14.0, "seconds": 14.0, "batches": [5.0, 9.0]},
                {"cpu": 14.0, "seconds": 14.0, "batches": [9.0, 5.0]}]
    spacys = [{"cpu": 2.0, "seconds": 2.0, "batches": [1.0, 1.0]},
              {"cpu": 2.0, "seconds": 2.0, "batches": [1.0, 1.0]}]
    assert "= 20% of bare spaCy tokenization" in ratio_report(extracts, spacys, 0.0, 0.0)
