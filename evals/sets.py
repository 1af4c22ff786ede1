"""The eval sets and what each must reach, as data.

Why four sets and not one number: a set the rules were tuned on measures the
tuning. ``tune`` is the part of the dev set rules may be fitted to; ``check``
(≥ 40 % of the dev set, fixed by id) is only ever run, its totals read, never
its failures; ``paraphrase`` asks every dev fact three more ways in staff
typing habits (written by an independent annotator); ``general`` asks about
national government work reports — a different kind of document, one of them
in traditional characters — ingested beside the bundled corpus. The 1954, 2023,
2024 and 2025 reports are reserved for an independent check and used nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.settings import BUNDLED_CORPUS
from evals.dataset import EvalItem, load_set

EVALS = Path(__file__).parent
GENERAL_CORPUS = EVALS / "general_corpus"


@dataclass(frozen=True)
class EvalSet:
    name: str
    path: Path
    split: str | None = None  # keep only items of this split
    extra_corpus: tuple[Path, ...] = ()  # documents ingested beside the bundled corpus for this set
    # targets: where the product must get to (issue 13); floors: what CI asserts today so
    # nothing slips back while the gap to the targets is closed. A floor is never above its target.
    targets_min: dict[str, float] = field(default_factory=dict)
    targets_max: dict[str, float] = field(default_factory=dict)
    floors_min: dict[str, float] = field(default_factory=dict)
    floors_max: dict[str, float] = field(default_factory=dict)

    def items(self) -> list[EvalItem]:
        items = load_set(self.path)
        return [i for i in items if self.split is None or i.split == self.split]

    @property
    def corpora(self) -> tuple[Path, ...]:
        return (BUNDLED_CORPUS, *self.extra_corpus)


# Targets from issue 13; number faithfulness is a guarantee, not a target.
_STRICT = {"answer_accuracy": 0.95, "refusal_accuracy": 0.95, "citation_precision": 0.97, "number_faithfulness": 1.0}
_FAITHFUL = {"number_faithfulness": 1.0}


def _structure(name: str, file: str, floor: float) -> EvalSet:
    """A set of questions with no single-sentence answer (issue 16), asked beside the national
    reports and graded by the share of expected items present: the same targets for each, its
    own regression floor."""
    return EvalSet(name, EVALS / file, extra_corpus=(GENERAL_CORPUS,),
                   targets_min={"item_recall": 0.90, "citation_precision": 0.97, **_FAITHFUL},
                   floors_min={"item_recall": floor, "citation_precision": 0.97, **_FAITHFUL})


SETS: dict[str, EvalSet] = {
    "tune": EvalSet("tune", EVALS / "questions.jsonl", "tune",
                    targets_min={"answer_accuracy": 0.98, "refusal_accuracy": 0.95, **_FAITHFUL},
                    floors_min={"answer_accuracy": 0.98, "refusal_accuracy": 0.95, **_FAITHFUL}),
    "check": EvalSet("check", EVALS / "questions.jsonl", "check", targets_min=_STRICT,
                     targets_max={"false_refusal_rate": 0.03},
                     floors_min={"answer_accuracy": 0.95, "refusal_accuracy": 0.95, "citation_precision": 0.97,
                                 **_FAITHFUL},
                     floors_max={"false_refusal_rate": 0.03}),
    "paraphrase": EvalSet("paraphrase", EVALS / "paraphrase.jsonl", targets_min=_STRICT,
                          targets_max={"false_refusal_rate": 0.03},
                          floors_min={"answer_accuracy": 0.94, "refusal_accuracy": 0.95, "citation_precision": 0.96,
                                      **_FAITHFUL},
                          floors_max={"false_refusal_rate": 0.04}),
    # Questions with no single-sentence answer (issue 16): a document's outline, the items of an
    # enumeration, one figure per street. Graded by the share of expected items present.
    "structure": _structure("structure", "structure.jsonl", floor=0.94),
    # The same three kinds, written by an independent annotator who saw neither the code nor
    # ``structure.jsonl`` (issue 16): only ever run, its totals quoted, never its failures.
    "structure-check": _structure("structure-check", "structure_check.jsonl", floor=0.82),
    # Formerly structure-check2: a never-tuned set (36: 12 outlines, 12 lists, 12 aggregates) by a
    # fourth independent annotator, run as totals only for seven stops and always the lowest (0.717
    # at the end, lists 0.604). Retired into tuning at the end of the stop that added check8: its
    # failures were read once, to learn which shapes independent annotators ask that the tuned
    # sets never showed. Its figures are tuned figures from then on.
    "structure-dev16": _structure("structure-dev16", "structure_dev16.jsonl", floor=0.8),
    # A third never-tuned set (36: half street documents, half national reports), by another
    # independent annotator from the documents only, written at the start of the session that
    # measured it: only ever run, its totals quoted.
    "structure-check3": _structure("structure-check3", "structure_check3.jsonl", floor=0.85),
    # A fourth never-tuned set (36: 12 of each kind, 20 on the street documents, 16 over all eleven
    # national reports), by another independent annotator from the documents only, written at the
    # start of the session that measured it: only ever run, its totals quoted.
    "structure-check4": _structure("structure-check4", "structure_check4.jsonl", floor=0.89),
    # A fifth never-tuned set (36: 12 of each kind, passages from all over the documents), by another
    # independent annotator from the documents only, written during a session and run once, at its
    # end: the least tuned-against figure. Only ever run, its totals quoted.
    "structure-check5": _structure("structure-check5", "structure_check5.jsonl", floor=0.875),
    # A second tuning set of the same three kinds, written later by another independent annotator
    # (from the documents only) to find what the first tuning set did not show; tuned on.
    "structure-dev": _structure("structure-dev", "structure_dev.jsonl", floor=0.95),
    # A third tuning set of the same kinds, by a third independent annotator, written in the
    # next session from the documents only (issue 16); tuned on.
    "structure-dev2": _structure("structure-dev2", "structure_dev2.jsonl", floor=0.94),
    # A fourth tuning set (outline, list, aggregate in staff typing habits), by two more independent
    # annotators from the documents only, written after structure-check2 showed how far the
    # tuned sets were from new questions; tuned on.
    "structure-dev3": _structure("structure-dev3", "structure_dev3.jsonl", floor=0.90),
    # A fifth tuning set (a new staff member's briefing questions: keyword strings, polite
    # sentences, Pinyin typos, loose place and year names), by another independent annotator.
    "structure-dev4": _structure("structure-dev4", "structure_dev4.jsonl", floor=0.93),
    # A sixth tuning set (lists and outlines from the middle and end of documents), by another
    # independent annotator, written at the end of the stop that added the four above; tuned on.
    "structure-dev5": _structure("structure-dev5", "structure_dev5.jsonl", floor=0.96),
    # A seventh tuning set (36: outlines, lists, aggregates inside one document each, staff typing),
    # by another independent annotator from the documents only, written after structure-check3
    # showed ~0.58 on new questions; tuned on.
    "structure-dev6": _structure("structure-dev6", "structure_dev6.jsonl", floor=0.84),
    # An eighth tuning set (36: mostly lists and aggregates, the weakest kinds on the never-tuned
    # sets), by another independent annotator from the documents only; tuned on.
    "structure-dev7": _structure("structure-dev7", "structure_dev7.jsonl", floor=0.91),
    # A ninth tuning set (40: people of different typing habits — polite, terse, spoken), by
    # another independent annotator from the documents only; tuned on.
    "structure-dev8": _structure("structure-dev8", "structure_dev8.jsonl", floor=0.95),
    # A tenth tuning set (40: 20 lists, 20 aggregates from all over the documents), by another
    # independent annotator from the documents only; tuned on.
    "structure-dev9": _structure("structure-dev9", "structure_dev9.jsonl", floor=0.9),
    # An eleventh tuning set (40: 10 outlines, 14 lists, 16 aggregates; half office documents, half
    # national reports), by another independent annotator from the documents only; tuned on.
    "structure-dev10": _structure("structure-dev10", "structure_dev10.jsonl", floor=0.92),
    # A twelfth tuning set (40: 8 outlines, 16 lists, 16 aggregates from the less obvious passages;
    # keyword-style to polite typing), by another independent annotator from the documents only.
    "structure-dev11": _structure("structure-dev11", "structure_dev11.jsonl", floor=0.86),
    # A thirteenth tuning set (32 lists only, every way the documents enumerate: 、 ； 一是 第一
    # (1) a line each, honours, places), by another independent annotator from the documents only.
    "structure-dev12": _structure("structure-dev12", "structure_dev12.jsonl", floor=0.92),
    # A fourteenth tuning set (30 lists from the middle and end of documents, half office documents,
    # half national reports), by another independent annotator from the documents only; tuned on.
    "structure-dev13": _structure("structure-dev13", "structure_dev13.jsonl", floor=0.95),
    # A fifteenth tuning set (40: 26 lists — counted, 一是/第一/（1）, ；-separated, names, tables,
    # clause-long items over several paragraphs — 7 outlines, 7 aggregates; half national reports),
    # by another independent annotator from the documents only; tuned on.
    "structure-dev14": _structure("structure-dev14", "structure_dev14.jsonl", floor=0.96),
    # A sixteenth tuning set (40 lists of every shape: 、 with the head noun after, clauses with their
    # own verbs, 一是/一要/第一/一、, table rows, honours, places, reasons; 24 office documents, 16
    # national reports), by another independent annotator from the documents only; tuned on.
    "structure-dev15": _structure("structure-dev15", "structure_dev15.jsonl", floor=0.97),
    # A seventeenth tuning set (36 lists asked as staff type them, a count named in some, follow-ups
    # in a few; 24 office documents, 12 national reports), by another independent annotator from
    # the documents only, written to find the list shapes the never-tuned sets miss; tuned on.
    "structure-dev17": _structure("structure-dev17", "structure_dev17.jsonl", floor=0.94),
    # An eighteenth tuning set (36: 18 lists, 12 aggregates, 6 outlines; half office documents, half
    # national reports, passages from all over them), by another independent annotator from the
    # documents only; tuned on.
    "structure-dev18": _structure("structure-dev18", "structure_dev18.jsonl", floor=0.85),
    # A nineteenth tuning set (36: 12 outlines, 14 lists, 10 aggregates; two thirds office documents),
    # by another independent annotator from the documents only, asked the way the never-tuned
    # sets were asked for; tuned on.
    "structure-dev19": _structure("structure-dev19", "structure_dev19.jsonl", floor=0.92),
    # A twentieth tuning set (36: 10 outlines, 16 lists mostly from the documents' second halves, 10
    # aggregates), by another independent annotator from the documents only; tuned on.
    "structure-dev20": _structure("structure-dev20", "structure_dev20.jsonl", floor=0.96),
    # A twenty-first tuning set (36 on the office documents only) and a twenty-second (36 on the
    # national reports only), each by another independent annotator from the documents only; tuned on.
    "structure-dev21": _structure("structure-dev21", "structure_dev21.jsonl", floor=0.84),
    "structure-dev22": _structure("structure-dev22", "structure_dev22.jsonl", floor=0.79),
    # A twenty-third tuning set (36 on the office documents only: 12 outlines, 10 lists, 14
    # aggregates), by another independent annotator from the documents only; tuned on.
    "structure-dev23": _structure("structure-dev23", "structure_dev23.jsonl", floor=0.92),
    # A twenty-fourth (36 on the national reports only: 12 outlines, 10 lists, 14 aggregates), by
    # another independent annotator from the documents only; tuned on.
    "structure-dev24": _structure("structure-dev24", "structure_dev24.jsonl", floor=0.84),
    # A twenty-fifth tuning set (36, aggregate-heavy: 8 outlines, 8 lists, 20 aggregates; half office
    # documents, half national reports), by another independent annotator from the documents only; tuned on.
    "structure-dev25": _structure("structure-dev25", "structure_dev25.jsonl", floor=0.83),
    # A twenty-sixth (36 on the national reports only, aggregate-heavy: 6 outlines, 8 lists, 22
    # aggregates), by another independent annotator from the documents only; tuned on.
    "structure-dev26": _structure("structure-dev26", "structure_dev26.jsonl", floor=0.81),
    # A twenty-seventh (30 aggregates only, on the office documents: each street's figures, rankings,
    # changes, targets against results, figures summed up), by another independent annotator; tuned on.
    "structure-dev27": _structure("structure-dev27", "structure_dev27.jsonl", floor=0.76),
    # A twenty-eighth (32 aggregates only, half office documents, half national reports: each street's
    # figures, rankings, changes, targets against results, figures summed up), by another independent
    # annotator; tuned on.
    "structure-dev28": _structure("structure-dev28", "structure_dev28.jsonl", floor=0.83),
    # A twenty-ninth (32 aggregates only, on the national reports: series over years, highest year,
    # X and Y each, targets against results, figures summed up), by another independent annotator; tuned on.
    "structure-dev29": _structure("structure-dev29", "structure_dev29.jsonl", floor=0.82),
    # A thirtieth (32 aggregates only, half office documents, half national reports: X and Y each,
    # series over years, which street most, targets against results, growth), by another independent
    # annotator; tuned on.
    "structure-dev30": _structure("structure-dev30", "structure_dev30.jsonl", floor=0.86),
    # A thirty-first (32 aggregates only, on the national reports: series over years, X and Y each,
    # targets against results, growth on the year before, plan periods set side by side), by another
    # independent annotator; tuned on.
    "structure-dev31": _structure("structure-dev31", "structure_dev31.jsonl", floor=0.73),
    # A thirty-second (32 aggregates only, half office documents, half national reports: X and Y each,
    # targets against results, which street most, two streets compared, sums), by another independent
    # annotator; 0.760 on arrival; tuned on.
    "structure-dev32": _structure("structure-dev32", "structure_dev32.jsonl", floor=0.81),
    # A thirty-third (32 aggregates only, 8 office documents, 24 national reports over all eleven:
    # series over years, highest year, X and Y each, targets against results, follow-ups), by another
    # independent annotator; 0.755 on arrival; tuned on.
    "structure-dev33": _structure("structure-dev33", "structure_dev33.jsonl", floor=0.83),
    # A thirty-fourth (32 aggregates only, half office documents, half national reports: several
    # measures of one place and year, one measure across years or streets, targets against results,
    # a report's review of a year or a plan period, follow-ups), by another independent annotator;
    # tuned on.
    "structure-dev34": _structure("structure-dev34", "structure_dev34.jsonl", floor=0.83),
    # A thirty-fifth (32 aggregates only, half office documents, half national reports: the figures of
    # one passage, comparisons and rankings, figures asked with a stage, follow-ups), by another
    # independent annotator; 0.849 on arrival; tuned on.
    "structure-dev35": _structure("structure-dev35", "structure_dev35.jsonl", floor=0.93),
    # A thirty-sixth and a thirty-seventh (32 aggregates each, half office documents, half national
    # reports: several measures of one passage, a figure and its change, targets against results,
    # seven follow-ups each), by two more independent annotators; tuned on.
    "structure-dev36": _structure("structure-dev36", "structure_dev36.jsonl", floor=0.9),
    "structure-dev37": _structure("structure-dev37", "structure_dev37.jsonl", floor=0.88),
    # A thirty-eighth and a thirty-ninth (32 aggregates each, half office documents, half national
    # reports, six follow-ups each), by two more independent annotators; tuned on.
    "structure-dev38": _structure("structure-dev38", "structure_dev38.jsonl", floor=0.94),
    "structure-dev39": _structure("structure-dev39", "structure_dev39.jsonl", floor=0.96),
    # A fortieth and a forty-first (32 aggregates each, half office documents, half national reports,
    # six follow-ups each), by two more independent annotators; tuned on.
    "structure-dev40": _structure("structure-dev40", "structure_dev40.jsonl", floor=0.93),
    "structure-dev41": _structure("structure-dev41", "structure_dev41.jsonl", floor=0.96),
    # A forty-second and a forty-third (32 aggregates each, half office documents, half national
    # reports, six follow-ups each), by two more independent annotators, written midway through the
    # stop that added dev40 and dev41; tuned on.
    "structure-dev42": _structure("structure-dev42", "structure_dev42.jsonl", floor=0.94),
    "structure-dev43": _structure("structure-dev43", "structure_dev43.jsonl", floor=0.96),
    # A forty-fourth and a forty-fifth (32 aggregates each; dev44 two thirds office documents and
    # figures from tables, achievements and comparisons; dev45 two thirds national reports and a
    # figure with its change, a plan with its outcome, one measure over years), by two more
    # independent annotators at the start of a stop; tuned on.
    "structure-dev44": _structure("structure-dev44", "structure_dev44.jsonl", floor=0.96),
    "structure-dev45": _structure("structure-dev45", "structure_dev45.jsonl", floor=0.96),
    # A sixth never-tuned set (36: 12 outlines, 12 lists, 12 aggregates), by another independent
    # annotator from the documents only; written at the start of the stop that added dev10/dev11,
    # held back unregistered and run only at its end.
    "structure-check6": _structure("structure-check6", "structure_check6.jsonl", floor=0.9),
    # A seventh never-tuned set (36: 12 outlines, 12 lists, 12 aggregates; half office documents,
    # half national reports), by another independent annotator from the documents only; written
    # at the start of the stop that added document names and questions typed apart, held back
    # unregistered and run only at its end.
    "structure-check7": _structure("structure-check7", "structure_check7.jsonl", floor=0.85),
    # An eighth never-tuned set (36: 12 outlines, 12 lists, 12 aggregates; 22 on the office documents,
    # 14 on the national reports), by another independent annotator from the documents only; written
    # at the start of the stop that added structure-dev14, held back unregistered and run only at its end.
    "structure-check8": _structure("structure-check8", "structure_check8.jsonl", floor=0.87),
    # A ninth never-tuned set (36: 12 outlines, 14 lists, 10 aggregates; two thirds office documents,
    # one third national reports), by another independent annotator from the documents only; written
    # at the start of the stop that added structure-dev17 … dev22, held back unregistered and run only
    # at its end.
    "structure-check9": _structure("structure-check9", "structure_check9.jsonl", floor=0.85),
    # A tenth never-tuned set (36: 12 outlines, 14 lists, 10 aggregates; two thirds office documents,
    # one third national reports), by another independent annotator from the documents only; written
    # at the start of the stop that added structure-dev23 and dev24, held back unregistered and run
    # only at its end.
    "structure-check10": _structure("structure-check10", "structure_check10.jsonl", floor=0.95),
    # An eleventh never-tuned set (36, aggregate-heavy: 8 outlines, 10 lists, 18 aggregates; half office
    # documents, half national reports), by another independent annotator from the documents only;
    # written at the start of the stop that added structure-dev25 … dev27, held back unregistered and
    # run only at its end.
    "structure-check11": _structure("structure-check11", "structure_check11.jsonl", floor=0.87),
    # A twelfth never-tuned set (36, aggregate-heavy: 8 outlines, 10 lists, 18 aggregates; half office
    # documents, half national reports), by another independent annotator from the documents only;
    # written at the start of the stop that added structure-dev28 and dev29, held back unregistered
    # and run only at its end.
    "structure-check12": _structure("structure-check12", "structure_check12.jsonl", floor=0.83),
    # A thirteenth never-tuned set (36: 12 outlines, 12 lists, 12 aggregates; 14 office documents,
    # 22 national reports), by another independent annotator from the documents only; written at the
    # start of the stop that added structure-dev30 and dev31, held back unregistered and run only at its end.
    "structure-check13": _structure("structure-check13", "structure_check13.jsonl", floor=0.89),
    # A fourteenth never-tuned set (40, aggregate-heavy: 8 outlines, 8 lists, 24 aggregates; 20 office
    # documents, 20 national reports over all eleven), by another independent annotator from the
    # documents only; written at the start of the stop that added structure-dev32 and dev33, held back
    # unregistered and run only at its end.
    "structure-check14": _structure("structure-check14", "structure_check14.jsonl", floor=0.87),
    # A fifteenth never-tuned set (40 aggregates only; 22 on the office documents, 18 on the national
    # reports; eight follow-ups), by another independent annotator from the documents only; written at
    # the start of the stop that added structure-dev34 and dev35, held back unregistered and run only
    # at its end.
    "structure-check15": _structure("structure-check15", "structure_check15.jsonl", floor=0.84),
    # A sixteenth never-tuned set (40 aggregates only; 20 on the office documents, 20 on the national
    # reports over all eleven; eight follow-ups), by another independent annotator from the documents
    # only; written at the start of the stop that added structure-dev36 and dev37, held back
    # unregistered until its end.
    "structure-check16": _structure("structure-check16", "structure_check16.jsonl", floor=0.9),
    # A seventeenth never-tuned set (40 aggregates only; 19 on the office documents, 21 on the national
    # reports over all eleven; eight follow-ups), by another independent annotator from the documents
    # only; written at the start of the stop that added structure-dev38 and dev39; registered early so its
    # failures are never printed, its total read after that stop's first two changes and then at its end.
    "structure-check17": _structure("structure-check17", "structure_check17.jsonl", floor=0.85),
    # An eighteenth never-tuned set (40 aggregates only; 19 on the office documents, 21 on the national
    # reports over all eleven; eight follow-ups), by another independent annotator from the documents
    # only; written at the start of the stop that added structure-dev40 … dev43; registered at once so
    # its failures are never printed, its total read on that stop's starting code (0.875) and then at
    # its end.
    "structure-check18": _structure("structure-check18", "structure_check18.jsonl", floor=0.86),
    # A nineteenth never-tuned set (40 aggregates only; 20 on the office documents, 20 on the national
    # reports; eight follow-ups), by another independent annotator from the documents only; written at
    # the start of the stop that added structure-dev44 and dev45; registered at once so its failures
    # are never printed, its total read on that stop's starting code and then at its end.
    "structure-check19": _structure("structure-check19", "structure_check19.jsonl", floor=0.92),
    "general": EvalSet("general", EVALS / "general.jsonl", extra_corpus=(GENERAL_CORPUS,),
                       targets_min={"answer_accuracy": 0.90, "refusal_accuracy": 0.90, **_FAITHFUL},
                       floors_min={"answer_accuracy": 0.90, "refusal_accuracy": 0.84, **_FAITHFUL}),
}
