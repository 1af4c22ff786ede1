"""One row per place: "各街道2023年加装电梯分别多少台", "哪个街道加装电梯最多".

Why a table and not merged sentences: staff compare places, so the answer must
show each place's figure with its year and citation, list the places whose
documents lack it, and rank only figures that can be compared — the same unit
and the same year. A 2016 figure is never ranked against a 2023 one; the answer
says why it does not rank them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from assistant.answer import Answer, Citation
from assistant.answerers.base import Answerer, Asked
from assistant.answerers.extractive import (
    Candidate,
    choose,
    cite,
    figure_of,
    figure_year,
    gives_figure,
    more_figures,
    searchable,
    whole_sentence,
)
from core.lexicon import EVERY_REPORT
from vectorstore.hybrid import Retrieval

PLACE_ROWS = 2  # sentences shown per place for a question without a figure
FIGURE_ROWS = 3  # figures shown per place (a year's result, next year's target, another measure)
TOPIC_ROW_FIT = 0.9  # a place with no figure shows its sentence on the topic when it covers the topic this well
REPORT_ROW_FIT = 0.6  # a report's figure covers the topic this well: most reports never name a given measure


class TableAnswerer:
    """Answers questions over every place with a table; anything else goes to ``backend``."""

    def __init__(self, known_streets: Callable[[], list[str]], backend: Answerer) -> None:
        self._streets = known_streets
        self.backend = backend
        self.name = backend.name

    @staticmethod
    def wants(asked: Asked) -> bool:
        return len(asked.retrievals) > 1 and all(r.facts.every_place for r in asked.retrievals)

    def rewrite(self, question: str, history: list[str], ruled: str) -> str:
        return self.backend.rewrite(question, history, ruled)

    def stream(self, asked: Asked) -> Iterator[str | Answer]:
        if not self.wants(asked):
            yield from self.backend.stream(asked)
            return
        yield self.answer(asked)

    def answer(self, asked: Asked) -> Answer:
        rows: list[dict[str, object]] = []
        citations: list[Citation] = []
        missing: list[str] = []
        contexts: list[dict[str, object]] = []
        # "国家外汇储备这几年有啥变化": every report is asked as one of the years spanned, not
        # named ("几份报告里…"), though most never name the measure
        spanned = not EVERY_REPORT.search(asked.rewritten)
        for r in asked.retrievals:
            place = r.facts.row_label or (r.facts.streets[0] if r.facts.streets else "")
            found = self._place_rows(r, ranked=asked.retrievals[0].facts.superlative is not None, spanned=spanned)
            label = r.facts.part_label  # several measures asked at once: each row names its measure
            if not found:
                missing.append(f"{place}（{label}）" if label else place)
                continue
            for i, (cand, text) in enumerate(found):
                n = len(citations) + 1
                citations.append(cite(n, cand))
                contexts += [p.context() for p in r.passages if p.chunk_id == cand.passage.chunk_id]
                figure = figure_of(text)
                # a report's figure is of the year its sentence says ("2000年底达1656亿美元" in the 2001
                # report), or of the year before in its look back
                year = (figure_year(cand.passage, cand.text, [cand.passage.year - 1, cand.passage.year], text)
                        if r.facts.row_label and figure and cand.passage.year else cand.passage.year)
                rows.append({"place": place, "year": year or None,
                             "value": f"{label}：{text}" if label else text,
                             "number": figure[0] if figure else None, "unit": figure[1] if figure else "",
                             "citation": n, "plan": cand.passage.kind == "plan", "headline": i == 0})
        by_report = any(r.facts.row_label for r in asked.retrievals)
        lines = self._table(rows, "报告" if by_report else "街道")
        # Each row's sentence under the table: the figure read in its context, checkable at a glance.
        lines += [f"[{c.n}] {next(str(r['place']) for r in rows if r['citation'] == c.n)}：“{c.quote}”"
                  for c in citations if any(r["citation"] == c.n and r["value"] != c.quote for r in rows)]
        if missing:
            lines.append(f"未找到相关内容：{'、'.join(missing)}。")
        verdict = self._rank(rows, asked.retrievals[0].facts.superlative, "报告" if by_report else "街道", by_year=by_report)
        if verdict:
            lines.append(verdict)
        refused = not rows
        return Answer(question=asked.question, rewritten_question=asked.rewritten,
                      answer="\n".join(lines) if rows else f"现有文件中未找到各{'报告' if by_report else '街道'}关于“{asked.retrievals[0].facts.topic}”的内容。",
                      refused=refused, citations=citations, contexts=contexts, backend=self.name,
                      kind="refusal" if refused else "table", rows=rows,
                      declined=[f"未找到相关内容：{'、'.join(missing)}。"] if missing else [])

    @staticmethod
    def _place_rows(r: Retrieval, ranked: bool, spanned: bool = False) -> list[tuple[Candidate, str]]:
        """One place's rows, the one a ranking compares first. A place whose documents answer
        more than once (a year's result and next year's target, two programmes, two windows)
        shows each figure, as staff asking "各街道…分别" expect every figure, not the first met.
        Each row quotes its whole sentence: the clause after a "；" alone loses what came first."""
        if not searchable(r):
            return []
        chosen, cands = choose(r)
        place = "" if r.facts.row_label else r.facts.streets[0] if r.facts.streets else ""
        # A row speaks for its place: a district document's line ("责任单位：各街道、镇") is not
        # that street's figure, unless it names the street itself.
        chosen = [(c, t) for c, t in chosen if not place or c.passage.street == place or place in c.passage.text]
        if r.facts.wants_number:
            # a report asked only as one of the years spanned ("外汇储备这几年"): its figure must be of
            # the measure, not of a sentence sharing a word with it ("国家…")
            fit = REPORT_ROW_FIT if spanned and r.facts.row_label else 0.0
            rows = [(c, text) for c, text in chosen if text and c.overlap >= fit][:1]
            if rows:
                rows += more_figures(r.facts, cands, rows[0][0], rows[0][1], limit=FIGURE_ROWS - 1)
                rows = [rows[0]] + [(c, t) for c, t in rows[1:]
                                    if c.passage.street == place or place in c.passage.text]
            if not rows:
                # "各街道文化配送分别搞了多少场": a place whose documents treat the topic without a
                # figure ("继续推进四级文化配送项目") shows what they say, with no figure to rank
                treated = [c for c in cands[:3] if c.overlap >= TOPIC_ROW_FIT and (not place or c.passage.street == place)][:1]
                return [(w, w.text) for w in map(whole_sentence, treated)]
            if ranked and rows:
                # a ranking compares results: a place's result leads, its target follows
                rows.sort(key=lambda ct: ct[0].passage.kind == "plan")
            elif rows:  # read in time order: a year's result, then next year's target
                rows.sort(key=lambda ct: (ct[0].passage.year or 9999, ct[0].passage.kind == "plan"))
            return [(whole_sentence(c), t) for c, t in rows]
        # "各街道垃圾分类做了什么": each answering sentence is a row
        wide = [whole_sentence(c) for c, _ in chosen[:PLACE_ROWS]]
        return [(c, c.text) for c in wide]

    @staticmethod
    def _table(rows: list[dict[str, object]], what: str = "街道") -> list[str]:
        if not rows:
            return []
        lines = [f"| {what} | 年份 | 内容 | 出处 |", "|---|---|---|---|"]
        for row in rows:
            year = f"{row['year']}年" if row["year"] else "—"
            if row.get("plan"):
                year += "（计划）"
            lines.append(f"| {row['place']} | {year} | {row['value']} | [{row['citation']}] |")
        return lines

    @staticmethod
    def _rank(rows: list[dict[str, object]], superlative: str | None, what: str = "街道", by_year: bool = False) -> str:
        """Which place has the most (or least), over comparable figures only: each place's
        leading figure, the same unit, the same year, results not targets. Figures of one unit
        from different years are not ranked, but the largest is named with that caveat, as
        staff asking "哪个最多" across reports of different years still want to know. Rows that
        are the reports of different years (``by_year``: "外汇储备哪年最多") are ranked over those
        years, each the year its figure is of."""
        if superlative is None:
            return ""
        heads = [r for r in rows if r.get("headline", True) and gives_figure(str(r["value"]))]
        if len(heads) < 2:
            return ""
        numeric = [r for r in heads if r["number"] is not None]
        units = {r["unit"] for r in numeric}
        years = {r["year"] for r in (numeric if len(numeric) >= 2 else heads)}
        if by_year and len(years) == len(numeric):
            years = {None}  # a year each: the years are what is ranked
        stages = {bool(r.get("plan")) for r in numeric}
        pick = max if superlative == "max" else min
        word = "最多" if superlative == "max" else "最少"
        if len(numeric) < 2 or len(units) != 1 or len(years) != 1 or len(stages) != 1:
            if len(years) > 1:
                why = f"各{what}数字的年份不同（{'、'.join(f'{y}年' for y in sorted(y for y in years if y))}）"
            elif len(units) > 1:
                why = f"各{what}数字的单位不同（{'、'.join(sorted(str(u) for u in units))}）"
            elif len(stages) > 1:
                why = f"各{what}数字有的是完成数、有的是计划目标"
            else:
                why = "可比较的数字不足两个"
            several = [str(r["place"]) for r in heads if r["number"] is None]
            if several and len(numeric) < 2:  # "签约18台、开工13台、完工11台": which stage would be ranked?
                why += f"，{'、'.join(dict.fromkeys(several))}给出的是多个数字"
            if len(numeric) >= 2 and len(units) == 1:
                best = pick(numeric, key=lambda r: float(r["number"]))  # type: ignore[arg-type]
                return (f"{why}，不能直接排名；单看数字，{best['place']}{word}"
                        f"（{best['year']}年{best['value']}）[{best['citation']}]。")
            return f"{why}，不作排名。"
        best = pick(numeric, key=lambda r: float(r["number"]))  # type: ignore[arg-type]
        if by_year:
            return f"{word}：{best['year']}年（{best['value']}，{best['place']}）[{best['citation']}]"
        return f"{word}：{best['place']}（{best['value']}）[{best['citation']}]"
