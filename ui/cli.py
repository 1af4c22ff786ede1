"""``workplan`` command line: ingest, docs, ask, batch, serve, eval — a face over
``assistant.service``, like the web page.

Errors are caught here (the edge) and shown in Chinese with what to do next.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from assistant.answerers.registry import names as answerer_names
from core.errors import WorkplanError
from core.settings import Settings, get_settings
from evals.sets import SETS


def _service(settings: Settings, build: bool = True) -> Any:
    from assistant.service import open_service

    return open_service(settings, build=build)


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    library = _service(settings, build=False).library
    paths = [Path(p) for p in args.paths] or [settings.corpus_dir]
    report = library.ingest(paths, prune=args.prune, rebuild=args.rebuild, progress=not args.quiet)
    print(f"新增 {len(report.added)}，更新 {len(report.updated)}，未变 {len(report.unchanged)}，"
          f"移除 {len(report.removed)}，失败 {len(report.failed)}；写入 {report.chunks_written} 个段落，用时 {report.seconds:.1f} 秒")
    if report.failed:
        print("\n未能导入的文件：")
        width = max(len(p) for p, _ in report.failed)
        for path, reason in report.failed:
            print(f"  {path.ljust(width)}  {reason}")
    return 0 if report.ok else 2


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    docs = _service(settings, build=False).library.documents()
    if args.json:
        print(json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=2))
        return 0
    if not docs:
        print("索引为空：请先运行 workplan ingest")
        return 0
    print(f"{'文件':<28} {'街道/镇':<10} {'区':<6} {'类型':<12} {'年份':<11} {'发布日期':<10} 段落  标题")
    for d in docs:
        years = ",".join(str(y) for y in d.years)
        print(f"{d.source:<28} {d.street or '—':<10} {d.district or '—':<6} {d.doc_type or '—':<12} "
              f"{years:<11} {d.published or '—':<10} {d.chunk_count:>4}  {d.title[:40]}")
        if d.reading_note:
            print(f"  └ {d.reading_note}")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from ui.terminal import render_text

    assistant = _service(settings).assistant
    kwargs = {"history": args.history or [], "backend": args.backend, "street": args.street, "year": args.year}
    if args.json:
        answer = assistant.ask(args.question, **kwargs)
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    streamed = False
    for piece in assistant.stream(args.question, **kwargs):
        if isinstance(piece, str):
            if sys.stdout.isatty():  # show the model writing; the checked answer follows
                print(piece, end="", flush=True)
                streamed = True
            continue
        if streamed:
            print("\n" + "─" * 20)
        print(render_text(piece))
    return 0


def cmd_batch(args: argparse.Namespace, settings: Settings) -> int:
    from ui.batch import read_questions, run_batch

    items = read_questions(Path(args.input))
    assistant = _service(settings).assistant

    def ask(item: dict[str, Any]) -> dict[str, Any]:
        record = assistant.ask(str(item["question"]), history=item.get("history") or [], backend=args.backend).to_dict()
        record.pop("notes", None)
        return record

    stats = run_batch(items, ask, Path(args.output), workers=args.workers, progress=sys.stderr.isatty())
    print(f"共 {stats['total']} 题：本次回答 {stats['answered']}，沿用已有 {stats['skipped']}，出错 {stats['errors']}；"
          f"结果已写入 {args.output}", file=sys.stderr)
    return 0


def _run_server(start: Any) -> int:
    """A server that refuses to start (an open address without a password or keys, a bad
    --auth) says why in Chinese and exits 2."""
    try:
        start()
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from ui.app import serve

    return _run_server(lambda: serve(settings, host=args.host, port=args.port, auth=args.auth))


def cmd_api(args: argparse.Namespace, settings: Settings) -> int:
    from ui.api import serve_api

    def start() -> None:
        service = _service(settings)
        print(f"HTTP API：http://{args.host}:{args.port}/v1（文档：/docs）", file=sys.stderr)
        serve_api(service, host=args.host, port=args.port, insecure=args.insecure)

    return _run_server(start)


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from evals.run import main as eval_main

    return eval_main(args, settings)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="workplan", description="街道工作计划与报告问答（离线，带引用）")
    p.add_argument("-v", "--verbose", action="store_true", help="显示调试日志")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="导入文件并建立/更新索引（默认：自带语料 data/corpus）")
    s.add_argument("paths", nargs="*", help="文件或文件夹")
    s.add_argument("--prune", action="store_true", help="移除文件已不存在的文档")
    s.add_argument("--rebuild", action="store_true", help="清空索引后重建")
    s.add_argument("-q", "--quiet", action="store_true", help="不显示进度条")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("docs", help="列出已索引的文档")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_docs)

    s = sub.add_parser("ask", help="提问并显示带引用的回答")
    s.add_argument("question")
    s.add_argument("--json", action="store_true", help="输出 JSON")
    s.add_argument("--street", help="只在该街道的文档中查找（如 长寿路街道）")
    s.add_argument("--year", type=int, help="只看该年份的内容")
    s.add_argument("--history", nargs="*", help="之前的问题（用于追问）")
    s.add_argument("--backend", choices=answerer_names(), help="回答方式（默认取配置）")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("batch", help="批量回答问题文件（.jsonl/.txt/.csv/.xlsx → .jsonl/.csv/.md）")
    s.add_argument("input")
    s.add_argument("-o", "--output", required=True, help="输出文件；已回答的问题再次运行时跳过")
    s.add_argument("-j", "--workers", type=int, default=1, help="并行线程数")
    s.add_argument("--backend", choices=answerer_names(), help="回答方式（默认取配置）")
    s.set_defaults(func=cmd_batch)

    s = sub.add_parser("serve", help="启动网页问答界面")
    s.add_argument("--host", default="127.0.0.1", help="监听地址（默认只允许本机访问）")
    s.add_argument("--port", type=int, default=7860)
    s.add_argument("--auth", default=None, help="登录口令，格式 用户名:密码")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("api", help="启动 HTTP API（OpenAI 兼容的 /v1/chat/completions、/v1/ask、/v1/documents）")
    s.add_argument("--host", default="127.0.0.1", help="监听地址（未设置 API 密钥时只允许本机）")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--insecure", action="store_true", help="未设置密钥也对网络开放（不建议）")
    s.set_defaults(func=cmd_api)

    s = sub.add_parser("eval", help="在评测集上评估检索与回答，写出报告")
    s.add_argument("--set", default=None, help="自定义评测文件（.jsonl）；不给则运行 --sets")
    s.add_argument("--sets", default=None, help=f"评测集，逗号分隔：{','.join(SETS)}（默认全部）")
    s.add_argument("--targets", action="store_true", help="按各评测集的目标值检查（低于目标时退出码 3）")
    s.add_argument("--floors", action="store_true", help="按各评测集的回归底线检查（CI 使用；低于底线时退出码 3）")
    s.add_argument("--show-failures", action="store_true", help="也列出 check 集的错题（看过之后就不能再用它调规则）")
    s.add_argument("--backend", choices=answerer_names(), help="回答方式（默认取配置）")
    s.add_argument("--out", default=None, help="写出 report.md / results.jsonl / metrics.json / chart.png 的目录")
    s.add_argument("--retrieval", action="store_true", help="只评估检索（dense / BM25 / hybrid）")
    s.add_argument("--ablation", action="store_true", help="同时对比 dense / BM25 / hybrid 检索")
    s.add_argument("--compare", nargs=2, metavar=("RUN_A", "RUN_B"), help="对比两次评测的输出目录")
    s.add_argument("--check-set", action="store_true", help="检查每条 evidence 是否逐字出现在来源中")
    s.add_argument("--jobs", type=int, default=1, help="并行评测的进程数（每个进程占一个核；默认 1）")
    s.add_argument("--update-readme", action="store_true", help="把指标表写入 README 的评测一节")
    s.add_argument("--min-accuracy", type=float)
    s.add_argument("--min-refusal", type=float)
    s.add_argument("--max-false-refusal", type=float)
    s.add_argument("--min-hit5", type=float)
    s.add_argument("--min-faithfulness", type=float)
    s.add_argument("--min-citation-precision", type=float)
    s.set_defaults(func=cmd_eval)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args, get_settings()))
    except WorkplanError as exc:
        print(f"错误：{exc.message_zh}", file=sys.stderr)
        if exc.detail and args.verbose:
            print(f"详情：{exc.detail}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
