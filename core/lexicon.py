"""Every Chinese vocabulary the product matches on, defined once, as data.

Why one module: questions used to be re-parsed in five places with eight
different year regexes, each fitted to the questions it was tuned on. Here each
vocabulary is a plain table (tested row by row in tests/core/test_lexicon.py),
and the few functions below only read them. Ingest, retrieval, question
understanding and every answerer import from here; nothing here imports from
the rest of the product.
"""

from __future__ import annotations

import re

# -- numerals -------------------------------------------------------------------
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
# Magnitude words written after an Arabic number ("2.6万亿元"): part of the figure, never dropped.
MAGNITUDES = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3}

# -- years ----------------------------------------------------------------------
# A four-digit year in text: "2023年", and in older reports "一九五五年" (digits spelled out).
YEAR_ARABIC = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?=\s*年)")
# A year named only as the base of a comparison ("比1978年增长", "由1978年的36.5%降为…",
# "从一九五五年的…增加到"): the sentence is about the later year, not this one.
YEAR_BASELINE = re.compile(r"(?:比|较|由|从|与|同|相对于|相比)\s*((?:19|20)\d{2})\s*年(?:的|底|末|同期)?")
# "在1978年粮食丰收的基础上": a year named as the ground a figure stands on, not the figure's year
YEAR_GROUND = re.compile(r"在[^，,。；;]{0,8}?(?:19|20)\d{2}\s*年[^，,。；;]{0,16}?基础上")
YEAR_CHINESE = re.compile(r"([一二三四五六七八九][零〇○一二三四五六七八九]{3})(?=\s*年)")
# In a question a year may be written without 年 ("长寿路2023加梯") — but not a figure ("2000元").
YEAR_IN_QUESTION = re.compile(
    r"(?<![\d.])(?<!\d,)((?:19|20)\d{2})(?![\d.,%％]|\s*(?:万|亿|千|元|台|家|人|名|个|件|项|户|次|吨|斤|米|亩|多|余|条|所))")
# Two-digit years as staff type them ("23年", "20年底", "比57年多多少"); not durations ("近20年", "20年来", "20年多").
YEAR_TWO_DIGIT = re.compile(r"(?<![\d.第近多这前后每达超约余共])(?<!\d,)(\d{2})(?=\s*年(?!来|以来|间|代|内|多(?![多少了])|左右|里|之))")
TWO_DIGIT_PIVOT = 40  # "23年" → 2023, "55年" → 1955: staff documents start in the 1950s

# -- places ---------------------------------------------------------------------
PLACE_SUFFIXES = ("街道", "镇", "新村")
# Words that end like a place but are not one: a street/town suffix inside an ordinary word,
# or a determiner/question word before it ("哪个街道", "各街道", "城镇", "街镇").
NOT_PLACE_ENDINGS = ("城镇", "乡镇", "村镇", "集镇", "市镇", "重镇", "古镇", "小镇", "街镇", "城乡", "本镇", "该镇",
                     "全镇", "各镇")
NOT_PLACE_CHARS = set("哪各每全本该这那其些的了在和与及把对为从向给提出要将个所有几多少什么是")

# -- what a question asks -------------------------------------------------------
# Question and filler words: they shape the question but are never its topic.
QUESTION_WORDS = (
    "请问一下", "请问", "问一下", "帮我查一下", "帮我查下", "帮我查查", "帮忙查下", "帮我看看", "帮我看下", "查一下", "查下",
    "我想知道", "想知道", "想了解", "我想问", "告诉我", "麻烦", "一下", "到底", "具体", "大概", "总共", "一共", "共计",
    "有多少", "多少", "是多少", "几", "哪些", "哪几", "哪个", "哪", "什么", "怎么样", "怎样", "怎么", "如何", "是否",
    "有没有", "有无", "是不是", "吗", "呢", "吧", "啊", "呀", "么", "嘛",
    "一条一条", "一条条", "一项一项", "一项项", "逐条", "逐项",  # "一条条列一下": how to list, not what
)
# Words staff and documents use for the same thing: a question word matches a sentence
# holding any word of its group. General vocabulary of plans and reports, not one question's words.
MATCH_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"企业", "公司", "单位"}),
    frozenset({"平方米", "平米", "平方"}),
    frozenset({"社区工作者", "社工"}),
    frozenset({"公共厕所", "公厕"}),
    frozenset({"房屋", "房子", "住房", "住宅"}),
    frozenset({"落地", "落户", "入驻", "引进"}),
    frozenset({"小区", "住宅小区", "居民小区"}),
    frozenset({"居委会", "居委", "居民区"}),  # a residents' committee and the area it serves, one for staff
    frozenset({"治河", "治水", "河道治理", "河道整治", "水域环境治理", "河长制"}),  # rivers cleaned up, as staff say it
    frozenset({"老人", "老年人", "长者"}),
    frozenset({"居民", "群众", "老百姓"}),
    frozenset({"农民", "农村居民"}),
    # the two incomes the reports give every year, as staff say them
    frozenset({"农民收入", "农村居民收入", "农民人均纯收入", "农村居民人均纯收入", "农民纯收入", "农民的纯收入"}),
    frozenset({"城镇居民收入", "城市居民收入", "城镇居民人均可支配收入", "城镇居民人均生活费收入", "城镇居民可支配收入"}),
    frozenset({"违法建筑", "违建", "拆违"}),
    frozenset({"信访", "来信来访"}),
    frozenset({"12345", "市民热线", "市民服务热线"}),  # Shanghai's citizen hotline, by number or by name
    frozenset({"社会消费品零售总额", "社零额", "社会消费品零售额"}),
    frozenset({"国内生产总值", "GDP", "gdp", "生产总值", "经济总量"}),
    frozenset({"经济增长", "国内生产总值增长", "GDP增长", "经济增速"}),
    frozenset({"居民消费价格", "CPI", "cpi", "消费价格", "物价"}),
    frozenset({"增长", "增加", "提高", "上升"}),
    frozenset({"减少", "下降", "降低", "削减"}),
    frozenset({"上涨", "涨幅", "涨价"}),  # "物价涨了多少": written 物价上涨幅度 / 涨幅仍然高达…
    frozenset({"宣传册", "宣传资料", "宣传品"}),
    frozenset({"外资", "外商投资", "外商直接投资", "利用外资"}),
    frozenset({"长期国债", "长期建设国债", "财政债券", "建设国债"}),  # the same bonds, named as each year's report names them
    frozenset({"投钱", "投入", "花钱", "花费"}),  # "投多少钱", "花多少钱": the sum a document writes as 投入资金
    frozenset({"手表", "表"}),
    frozenset({"积累率", "积累在国民收入中所占的比重"}),  # the 1985 report names the 积累率 of the others in full  # the reports list watches as 表 ("自行车…缝纫机…表2，360万只")
    frozenset({"残疾人", "助残", "残障人士"}),  # "助残帮困": help for the disabled, said by its verb
    # an honour is written as the act of receiving it: "荣获“…”称号", "被评为“…”", "获评上海市“5A级社会组织”"
    frozenset({"荣誉", "称号", "荣获", "获评", "被评为", "奖项", "表彰"}),
)
# "拿了哪些荣誉", "获了哪些奖项": the honours a place received — said one sentence each wherever the
# work they reward is told, so found by the words that confer them, not by where they stand.
HONOURS_ASKED = re.compile(r"荣誉|称号|奖项|获奖|表彰|哪些奖|啥奖|什么奖|几个奖")
HONOUR_CONFERRED = re.compile(r"荣获|获评|被评为|评为|授予|命名为|获得[^，,。；;]{0,30}(?:奖|称号|荣誉)|称号")
# Words that ask for a document's own date rather than a fact inside it.
PUBLISH_WORDS = re.compile(r"发布|印发|公布|发文|出台|下发|发表|成文|发的|发出")
WHEN_WORDS = re.compile(r"哪天|哪一天|什么时候|何时|日期|什么时间|时间|几月几[日号]|几号(?![楼线院室])")
# One-character verbs staff type for a change ("物价涨了多少"): written inside a longer word
# (上涨幅度, 涨幅, 下降), each is said wherever its character is
CHANGE_CHARS = frozenset("涨降跌")
# "钢产量", "粮食总产量": the nouns a one-character measure ("钢", "煤") is written with where its
# figure is given; the cut keeps such a compound whole, so the character alone matches no word of it
ONE_CHARACTER_MEASURE = re.compile(r"^[\u4e00-\u9fff]$")
# "粮棉钢煤各多少", "钢煤油电": the products staff type by one character each, as the reports name them
PRODUCT_CHARS = {"粮": "粮食产量", "棉": "棉花产量", "钢": "钢产量", "煤": "煤炭产量", "油": "石油产量", "电": "发电量",
                 "糖": "糖产量", "铁": "生铁产量"}
PRODUCTS_GLUED = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[和及与]))[" + "".join(PRODUCT_CHARS) + r"]{2,}"
                            r"(?=[\s、，,和及]|各|分别|都|这些|等|产量|$)")
MEASURE_HEADS = ("产量", "总产量", "产值", "总产值", "增加值", "出口", "进口", "消费量", "储量")
# Words that point at the document or the asking, never at the topic ("报告里说", "提到").
FILLER_TOKENS = frozenset({"里", "里面", "中", "说", "提到", "提出", "指出", "讲", "写", "要求", "让", "了", "有", "是",
                           "要", "年", "的", "请", "问", "查", "一下", "报告", "政府", "工作报告", "政府工作报告", "文件", "回顾",
                           "国务院", "当年", "全年", "一年", "去年", "今年", "明年", "上年", "本年", "达到", "为", "共", "多", "大概", "约", "从", "到", "和", "与", "及",
                           "分别", "各", "各自", "在", "最", "都", "啥", "咋", "情况", "这些", "那些", "这个", "定", "这块", "那块", "这一块", "这方面", "方面", "那", "这",
                           "对比", "比较", "比一下", "对比下", "下", "比", "相比", "实际", "计划", "原定", "原计划", "做",
                           "比比看", "比比", "比一比", "对比一下", "比较一下", "看", "谁", "vs", "VS", "那么", "这么", "咋样", "咋搞", "拿", "搞",
                           "各是", "各为", "各有", "获得", "汇总", "汇总一下", "帮我", "帮忙",
                           "自己", "咱们", "我们", "本身", "各写", "写的",
                           "点名", "为啥", "为什么", "为何"})
# "通知里", "要点中", "方案里面": a document named by its type, where the answer is to be found,
# never part of the topic.
DOC_REFERENCE = re.compile(r"(?:通知|文件|要点|方案|意见|总结|报告)(?:里面|里|中)")
# "哪一年", "哪个单位", "哪几个": the question word with its measure word.
WHICH = re.compile(r"哪[一几]?[个年天次位些家种项条月届批]?")
# Years joined as a range are one topic ("从1979年到1984年", "1979—1984年"), not one question per year.
YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*年?\s*(?:到|至|—|－|-|~|～)\s*(?:19|20)\d{2}")
# "每年发多少", "各年分别": a range asked one year at a time.
EACH_YEAR = re.compile(r"每年|每一年|各年|逐年|分别|各是|各为")
# "74年比64年…各增长多少": the change from one year to the other — one figure, not one per year
GROWTH_BETWEEN_YEARS = re.compile(r"(?:19|20)\d{2}\s*年(?:预计)?(?:比(?:19|20)\d{2}\s*年|(?:跟|和|与|同)(?:19|20)\d{2}\s*年相?比)"
                                  r"[^，,。？?]{0,16}?(?:增长|增加|提高|减少|下降|上升|翻|增产|减产)")
YEAR_JOIN = re.compile(r"(?:19|20)\d{2}\s*年?\s*(?:和|与|及|、|跟|同|,|，|对比|比较|相比)\s*(?:19|20)\d{2}|"
                       r"(?:19|20)\d{2}\s*年\s*(?:19|20)\d{2}|(?:19|20)\d{2}\s*年(?:的)?[^，。？?]{0,12}各|"
                       r"(?:19|20)\d{2}\s*年[^，。？?]{0,12}(?:和|跟|与|同|比|vs|VS)[^，。？?]{0,8}(?:19|20)\d{2}\s*年|"
                       r"分别|各自|各年")
# Spoken verbs that carry no topic ("搞了几个", "弄了多少", "办了多少").
SPOKEN_VERBS = ("搞了", "弄了", "做了", "做到", "办了", "干了", "整了", "打算", "搞", "弄", "干", "整")
# "信访件数", "服务人数": a count named by its measure noun (split off the topic, asked as a number).
# A measure word before 数 goes with it ("信访件数" → 信访); 人/户 may end the counted noun
# ("商户数" → 商户, "老人数" → 老人), so only 数 goes.
COUNT_NOUNS = re.compile(r"(?:(?:件|次|个|台|家|场|场次)数|总量|(?<=[人户])数)$")
NUMBER_INTENT = re.compile(r"件数|次数|个数|台数|家数|场数|总量|多少|(?<![哪那这])几(?!乎)|比例|百分之|占比|比重|率是|率为|金额|数量|总数|多大|多高|多长|多少钱|几成|第几|规模")
# What joins the names of a list ("农村居民…和城镇居民…", "健身苑点、文化围墙").
LIST_JOIN = re.compile(r"和|与|及|、")
# "从多少增加到多少": a change asked as its two ends — answered by "从A增加到B", one stretch.
FROM_TO_ASKED = re.compile(r"从(?:多少|几)[^？?]{0,8}?到(?:多少|几)")
ORDINAL_INTENT = re.compile(r"第几([次期批届轮个项名位])")
_YEAR_COMPARED = r"(?:更|最)?(?:多(?!少)|(?<!多)少|高|低|快|慢|大|小)"
# "…哪年多": which of the years asked is more — each year's part asks its figure
WHICH_YEAR_MORE = re.compile(r"哪一?年" + _YEAR_COMPARED)
# ("16年跟17年比…哪年多": which year is more, a comparison — not a date)
DATE_INTENT = re.compile(r"什么时候|何时|哪一?天|哪一?年(?![^，,。？?\s]{0,4}?" + _YEAR_COMPARED + r")|几月|哪个月|时间节点|截止|日期")
YESNO_INTENT = re.compile(r"是否|有没有|是不是|有无|吗[？?]?$")
# What several items are called ("有啥具体做法", "有几个定位", "哪几个亮点"): asking for them by this
# name asks for the items, which seldom repeat the name.
ITEM_NOUNS = r"(?:做法|措施|举措|办法|经验|亮点|特色|定位|功能|渠道|途径|载体|抓手|方向|重点|环节|原则|理由|原因|意见|建议|要求)"
LIST_INTENT = re.compile(r"哪些|些啥|些什么|[哪那这]几(?![年天月周日])|列一下|列举|包括|有什么|几[条项种类]|有啥[？?]?$|"
                         r"一条一?条|一项一?项|逐[条项]|分条(?=列|说|讲)|都有谁|还有谁|哪几位|[花用]在哪|[花用]到哪|"
                         r"一[是要][^，,。？?]{0,3}二[是要]|几个[“\"]?[是要][”\"]?[？?]?$|"  # "一要二要三要分别是什么", "教育 几个要"
                         r"(?<![为])(?:干|做|搞)了?(?:啥|什么)(?!用|的)|[哪那这][两三四五六七八九十][个句条项点]|"
                         r"[两三四五六七八九十](?:个方面|大方面|条|项|点|句话)(?:都|分别)?(?:是啥|是什么|有啥|有哪些)?(?:来着)?[？?]?$|"
                         r"那些(?![^？?]*(?:如何|怎么|进展|情况|咋样))[\u4e00-\u9fff]{0,6}[？?]?$|"  # "要搞那些项目": 哪些
                         # "要满足啥条件": conditions, requirements — several, listed
                         r"(?:啥|什么|哪些)(?:条件|要求|前提|标准)|"
                         # "营商环境打算怎么弄": how a plan means to do it — its measures, listed
                         r"(?:打算|准备|要|计划|将)?(?:怎么|咋|如何)(?:弄|搞|抓|推进)|(?:打算|准备|计划)(?:怎么|咋|如何)(?:做|干)"
                         r"|(?:有|都有)(?:啥|什么)(?:具体|主要|好的?)?" + ITEM_NOUNS + "|几个" + ITEM_NOUNS)
# "原因有几条", "有几项措施": how many items — answered by the items themselves, not by a figure
# ("几点" is left out: "几点开始" asks a time; "完成了几项任务" asks a count).
ITEM_COUNT = re.compile(r"几件(?:大)?事|几[种类]|几个[“\"]?[是要][”\"]?[？?]?$|几大块|几块|几个?部分|几个?方面|[讲说提有分]了?几点|有几[条项](?:[？?。，,]|$|分别|都是|各是|是啥|是什么|原因|措施|举措|建议|意见|要求|内容|做法|经验|办法|理由)|几条(?:[？?。]|$)|"
                        r"几[条项点](?:原因|措施|举措|建议|意见|要求|做法|经验|办法|理由)|几个" + ITEM_NOUNS)
# "一共多少项", "多少个项目": a count of items — of the parts asked beside it, when parts are asked
ITEMS_COUNTED = re.compile(r"(?:几|多少)个?[条项](?:目)?(?:[？?。]|$)")
# "招商引资几个主要数字", "九五期间几个主要经济指标", "GDP 粮食 钢 进出口 几个数": the figures a topic's
# sentences give, asked together.
# ("几个数字化项目", "几个数据中心" ask a count; "加梯具体数字是多少" asks one figure.)
FIGURES_ASKED = re.compile(r"(?:这|那)?几个(?:主要)?(?:经济)?(?:数字|数据|指标|数)(?![化字据中库平台站])|"
                           r"(?:主要|关键|核心|具体)(?:经济)?(?:数字|数据|指标)(?![化中库平台站]|是?多少)|"
                           r"(?:数字|数据)(?:汇总|统计)|"
                           # "轻工业主要产品计划产量多少": several products, a figure each
                           r"(?:主要|各种|各类)(?:产品|品种|农产品|工业品)[\u4e00-\u9fff]{0,4}?(?:产量|数量)|"
                           # "安全检查那块的数字有哪些", "有哪些数据": the figures, asked as a list
                           r"(?<![大])(?:数字|数据)(?:都|主要)?(?:有|是)?(?:哪些|啥|什么)|(?:哪些|什么|啥)(?:数字|数据)(?![化中库平台站])|"
                           # targets that are figures by name: "几个预期目标", "量化的指标"
                           r"几[个项](?:主要)?预期(?:经济)?(?:目标|指标)|量化的?(?:目标|指标)|(?:带|有)数字的|"
                           # "主要预期目标列一下", "今年主要预期目标都是啥": the targets, listed
                           r"(?:主要)?预期(?:经济)?(?:目标|指标)(?:(?:都|分别|各)?(?:是|有)?(?:啥|什么|哪些|哪几个|列(?:一)?下)|(?:都|分别|各)(?:是|为)?多少)|"
                           # "三条河整治几个目标分别多少": targets asked by their figures
                           r"几[个项](?:主要)?(?:目标|指标)(?=[^，,。？?]*(?:多少|几))|"
                           # "一共发了多少钱 惠及多少人 汇总下": the figures asked, summed up
                           r"(?<=多少)[\u4e00-\u9fff]{0,3}\s*汇总(?:一下|下)?|"
                           r"列(?:一)?下(?:数字|数据)|(?:数字|数据)列(?:一)?下|"
                           # "招商引资各项指标完成情况", "就业创业和劳动争议的数": every figure of the topic
                           r"各项(?:经济)?(?:指标|数字|数据)|"
                           # "两年国债投资建了些啥 各多少": the things, a figure each
                           r"(?:些啥|些什么|哪些)\s*(?:分别|各)(?:是|有)?多少|(?<=[\u4e00-\u9fff]{2})的(?:那些|几个)?数(?:字|据)?[？?]?$")
# "厢房 投放点 中转站啥的 分别几个": the things named are examples — every figure of the passage is asked
EXAMPLES_ASKED = re.compile(r"(?:啥的|之类的?|什么的|等等)(?=[\s，,]*(?:分别|各|都|一共|总共|有|是)?(?:多少|几|[？?]?$))")
# How a question asks, never what it asks about — each is cut from the topic:
ASKING_PHRASES = re.compile(
    r"给(?=[哪谁])|"  # "给哪些居委干啥": to whom
    r"(?:各|分别|都)(?:管|干|做|负责)(?:啥|什么)|"  # "各管啥": what each does
    r"(?:要|得|需要|必须)?(?:满足|具备|达到|符合)(?=(?:啥|什么|哪些)?(?:条件|要求))|"  # "要满足啥条件": the conditions
    r"[投花用](?:到|在)了?(?:(?:哪些|什么|啥)(?:事情?|地方|方面)?上?|哪(?:里|儿)?)|"  # "3100万都投到哪些事上", "花在哪"
    r"(?<!工作)总结(?:了|出|的)?(?!一下|里|中)|"  # "报告里总结了哪几条经验": the saying (工作总结 is a document)
    r"(?:哪[一个年家位条项]*|谁)(?:最多|最高|最大|最快|最少|最低|最小|最慢)|"  # "哪年最高": the ranking
    r"(?:各|分别|都)?定(?:的|了|为)?(?=是?(?:多少|几))")  # "粮棉产量各定的多少": how the target is asked
# What makes a stretch of text a question: a question mark, a question word, or a request.
ASKS = re.compile(r"[？?]|吗|呢|多少|几[个台家项条次人年月天位名处件]|哪(?!怕)|什么|啥|怎么|怎样|如何|是否|有没有|为何|"
                  r"为什么|请问|列出|列一下|列举|概括|总结一下|介绍一下|说说|讲讲|说明一下|查一下|帮我")
PASTE_CHARS = 120  # a "question" longer than this, asking nothing, is a pasted passage
# Asking for a document's structure — its tasks, focuses, parts — or a summary of it: the answer is the
# headings of the matching section, not a sentence ("长寿路街道2024年主要任务有哪些", "概括一下…的工作").
OUTLINE_INTENT = re.compile(
    r"主要任务|重点任务|重要任务|工作重点|重点工作|工作要点|主要工作|工作安排|工作计划|工作打算|哪几个方面|哪些方面|几个方面|"
    r"哪几块|几大块|几块|[讲说提有分]了?几点|分几[条项]|梳理|盘点|大头|[哪几]几?件(?:大)?事|大纲|提纲|目录|概括|概述|总结一下|归纳|讲了什么|讲了哪些|说了什么|主要内容|大概内容|大致内容|做了哪些工作|干了什么|都做了什么|"
    r"有哪些工作|哪些任务|什么任务|重点是什么|主要讲|哪几部分|哪些部分|几个部分|几部分|哪几方面|几方面|哪几条|哪几项|"
    r"哪些建议|哪几个?方面|哪[一二三四五六七八九十]个?方面|哪[一二三四五六七八九十]条|哪[一二三四五六七八九十]项|"
    r"几大(?:块|方面|部分|类|板块)|干了哪些|做了哪些|干了啥|做了啥|都干了|框架|脉络|重点是啥|重点有啥|主要讲啥|讲了?啥|说了?啥|"
    r"结构是怎样|结构是什么|结构是啥|整体结构|大体结构|捋一下|捋一捋|捋捋|理一理|每块|每部分|各讲|分成|"
    r"(?:报告|文件|要点|总结|安排|部分)的?(?:结构|框架|提纲)")
# The words of an outline question that name no topic: what is left after them is the topic, if any.
OUTLINE_WORDS = re.compile(OUTLINE_INTENT.pattern + "|" + "|".join(sorted((  # the longer first: "那份" before "那"
    "那份", "那", "工作", "任务", "重点", "方面", "内容", "情况", "主要", "一下", "介绍", "请", "有哪些", "哪些", "什么", "包括", "包含", "涵盖",
    "部分", "分", "讲", "说", "提", "要", "做", "抓", "几", "哪", "条", "项", "块", "这", "里", "中", "报告", "今年", "去年", "回顾",
    "总结", "计划", "安排", "有", "是", "的", "了", "都", "呢", "吗", "和", "与", "按照", "按", "结构", "大体", "大致", "大块", "大项",
    "大类", "大部分", "下", "啥", "干", "那个", "这个", "列", "标题", "写", "打算", "大事", "事", "件", "梳理", "盘点", "大头", "关于",
    "那一部分", "一部分", "简要", "框架", "帮我", "帮忙", "麻烦", "点", "展开", "给个", "给我", "来个", "列个", "出个", "弄个", "理个", "啊", "呀",
    "吧", "整体", "大概", "捋", "这份", "文件", "国务院"
), key=len, reverse=True)))
# Words of a list question that frame the list, not its topic ("要抓哪四个方面", "分几个"): a
# count, or the verb that announces the items. Left out of the words a sentence must match.
LIST_FRAME = re.compile(r"^(?:(?:[一二三四五六七八九十几两]|十[一二三四五六七八九]|[二三四五六七八九]十[一二三四五六七八九]?)个?"
                        r"|\d{1,2}个|抓|抓好|要抓|着重抓好)$")  # a count ("四个", "十二"), not a name ("九五")
# A sentence that introduces the items after it ("要着重抓好四个方面的工作：", "包括以下几个方面。").
INTRODUCES_LIST = re.compile(r"[：:]\s*$|以下|如下|下列")
# "2000年报告 工业结构调整 四个环节": a count of named points as the question's last words; not after
# a verb's 了/成/过 ("新建了三个小区", "建成五个站点" state a count, they ask for no list)
NAMED_COUNT_END = re.compile(r"(?<![\d几了成过])[两三四五六七八九十]个[\u4e00-\u9fff]{2,3}[？?]?$")
# "分哪五个方面": how many parts the question expects.
COUNT_ASKED = re.compile(r"哪([两三四五六七八九十])(?:个|条|项|大|块|点|句)")
# "要重点抓的八个方面都是啥": the count stated, then what they are asked
STATED_COUNT = re.compile(r"(?<![第\d])([两三四五六七八九十])(?:个方面|大方面|个部分|大块|件事|大任务)(?=(?:都|分别)?(?:是|有)?(?:啥|什么|哪些))")
# "“工作要求”部分主要讲了什么", "“工作要求”有哪几条": a part named in quotes, then what is asked of it.
QUOTED_PART = re.compile(r"[“\"「]([\u4e00-\u9fffA-Za-z]{2,20})[”\"」](?:这|那)?(?:一)?"
                         r"(?:部分|块|章|节|方面|那块|那部分|里|中|有哪|有几|包括|包含|讲|说|主要|分|都|是哪|具体|要|需要)")
# "那八句话", "这三条", "一是二是…", "来着": how a list is asked, not its topic.
COUNT_FRAME = re.compile(r"[那这哪][一二三四五六七八九十两几]+(?:句话|句|条|项|点|个方面|方面|个|类|种|件)|(?:[一二三四五六七八九十][是要]){2,}…*|来着")
# "16年做了多少，17年计划多少": two years, each asked in its own clause — one part per year.
YEARS_ASKED_APART = re.compile(r"(?:19|20)\d{2}年[^，,；;、。？?]{0,8}(?:多少|几|哪些|什么|啥)[^，,；;、。？?\d]*[，,；;、？?]?\s*"
                               r"(?:19|20)\d{2}年[^，,；;、。？?]{0,8}(?:多少|几|哪些|什么|啥)")
# A line that addresses the audience ("各位代表！"): no item of a list.
ADDRESS_LINE = re.compile(r"^(?:各位代表|同志们|代表们|朋友们)[！!，,。]?$")
# "提了哪几个“我们必须”", "那几段“我们要……”": a list question quoting the words its items open with.
QUOTED_OPENING = re.compile(r"[“\"「]([\u4e00-\u9fff]{2,6})(?:……|…|\.{3})[”\"」]|"
                            r"(?:[哪那][几些一二三四五六七八九十]?[个条句次处段]|连用|连着用|反复用|一连)[“\"「]([\u4e00-\u9fff]{2,6})[”\"」]|"
                            r"[“\"「]([\u4e00-\u9fff]{2,6})[”\"」](?:开头的?[哪那这][几些一二三四五六七八九十]*|的?[哪那这][几些一二三四五六七八九十]+)[个条句次处段]|"
                            # unquoted: "说我们必须怎样怎样的", "那几个我们必须 都是啥" (a speaker's words, 我们…)
                            r"((?:我们|我国|咱们)[\u4e00-\u9fff]{1,4}?)(?:怎样怎样|如何如何|什么什么|怎么怎么|啥啥)|"
                            r"[哪那这][几些一二三四五六七八九十]+[个条句次处段]?((?:我们|我国|咱们)[\u4e00-\u9fff]{1,4}?)(?=\s|的|都|是|有|说|讲|[？?]|$)|"
                            r"((?:我们|我国|咱们)[\u4e00-\u9fff]{1,4}?)的\s*(?:都)?(?:有|是)?(?:哪[几些]|几)")  # "强调我们必须坚持的有哪几条"
# "五个持续用力是哪五个", "三大任务分别是什么": the question's own count of parts and what they share.
QUESTION_COUNT = re.compile(r"([两三四五六七八九十])(?:大块|个方面|个|大|项|条|块)([\u4e00-\u9fff]{2,8}?)(?:是|分别|有|包括|指)")
# "着重抓好四个环节。", "做好以下十三项工作：": a sentence that ends by saying how many points follow
COUNT_ENDS_SENTENCE = re.compile(r"([一二两三四五六七八九十百]+|\d{1,2})(?:个|项|条|点|大|件)[\u4e00-\u9fff]{0,6}[。：:]?\s*$")
# "形成了五个方面的工作任务", "着力抓好四项工作": a sentence that says how many parts follow.
# (a numeral read whole: "十三个方面" is thirteen, not three; "第三个方面" announces nothing)
ANNOUNCED_COUNT = re.compile(r"(?<![第一二三四五六七八九十两百零千\d])([一二三四五六七八九十两百零千]{1,5}|\d{1,2})(?:个|大)?(?:方面|部分|项|条|点|大块)")
# An ordinal marker: "一是", "一要", "第二，", "（三）", "4." — alone on a line its item is the next
# line ("第一" may then stand without its comma); opening a line, the line is the item.
_ORDINAL_MARK = r"[一二三四五六七八九十]+[是要]|第[一二三四五六七八九十]+{comma}|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、]"
ORDINAL_LINE = re.compile(r"^\s*(?:" + _ORDINAL_MARK.format(comma="[，,、]?") + r")\s*$")
ORDINAL_START = re.compile(r"^\s*(?:" + _ORDINAL_MARK.format(comma="[，,、]") + r")")
# A sentence that is one item of an inline enumeration: "三是落实信息报送制度。", "三要努力提高利用外资水平。".
INLINE_ITEM = re.compile(r"^[一二三四五六七八九十][是要]")
# "第三条具体说说", "展开讲讲第2项": one item of an outline the previous answer listed.
ITEM_REFERENCE = re.compile(r"(?:第([一二三四五六七八九十\d]+)|最后[那这]?一?)(?:条|项|点|部分|个方面|方面|块)")
EXPAND_WORDS = re.compile(r"具体|展开|详细|细说|说说|讲讲|介绍|内容")
# "经济那块展开说说", "第三块具体讲了啥": more than the part's headings — what each paragraph says
# Setting places or years side by side: their figures are what compares them.
# ("比较重要的工作" uses 比较 as "rather"; "哪个项目投资多少" asks one figure, not a comparison)
COMPARE_ASKED = re.compile(r"比一下|比一比|比比|对比|比较(?:一下|下)|相比|"
                           r"(?:哪个|谁|哪一?年)[^，,。？?]{0,6}(?:更|最)?(?:多(?!少)|(?<!多)少|高|低|快|好)")
# The structure of the whole document named ("这个文件结构是怎样的", "整体怎么安排的"), not a part
# named like its title (the annex table "…重点工作项目安排表").
WHOLE_ASKED = re.compile(r"结构|框架|整体|总体|大纲|提纲|目录|几个?部分|哪几部分|哪些部分")
# What closes a list rather than continuing it ("以上这些经济改革措施…").
LIST_CLOSING = re.compile(r"^\s*(?:以上|总之|总而言之|综上)")
# Where a clause's measure ends and what it asks of it begins ("物价原定控制多少" → 物价): the stage
# words, and 定/是 only as asking ("目标定多少", "是多少") — 稳定, 制定 and 规定 keep theirs.
STAGE_CUT = re.compile(r"原定|原计划|实际|目标|计划|预期|预计|控制|完成|达到|定(?=多少|了|的)|是(?=多少)|多少|几|[\s，,、]")
# "打算做哪几件事", "准备怎么做": what is to be done, not only the names of the points
DEEDS_ASKED = re.compile(r"怎么做|如何做|怎么干|咋做|咋干|怎么搞|咋搞|做哪[几些]件?事|做哪几项|干啥|做啥|做什么|具体(?:怎么|咋|要做|做)")
EXPAND_ASKED = re.compile(r"展开|详细|细说|细讲|具体(?:讲|说|谈|介绍|内容|咋|怎么|(?:要|都|打算|准备)?(?:做|干|搞|抓)(?:啥|什么|哪些))")
# "农业那部分展开说说", "展开讲讲加梯那部分", "第二条里优化营商环境那几点列一下": a part of the outline the
# previous answer gave, named by its topic; ``PART_REST`` is all that may follow it (asking to expand).
PART_REFERENCE = re.compile(r"^(?:展开|具体|详细|再)?(?:讲讲|说说|谈谈|讲一下|说一下|讲|说)?(.{2,16}?)[那这]一?(?:部分|块|方面|几?点|几?条|几?项)")
_PART_ASK = (r"(?:的?(?:内容|情况))?(?:再|请)?(?:展开|具体|详细|细)?(?:讲讲|说说|谈谈|讲一下|说一下|介绍一下|介绍|"
             r"列一下|列举一下|列出来|列出|列举|讲|说|看看|"
             # "安全稳定这块具体要做啥", "具体抓哪些", "具体有哪几条": what the part plans, as staff type it
             r"(?:要|都|打算|准备|主要)?(?:做|干|搞|有|抓|包括|讲了?|说了?)(?:啥|什么|哪些|哪几[条项点个块]?|几[条项点])|"
             r"(?:要|该)?怎么(?:做|干|搞))?")
PART_REST = re.compile(rf"^(?:{_PART_ASK}\s*){{1,3}}(?:吧|呢)?[？?]?$")  # "展开讲讲 具体抓哪些": asked twice over
PART_NOISE = re.compile(r"里面?|中的?|关于|有关|的$")
# What names the document in a question ("99年政府工作报告"), kept when a follow-up opens a part of it.
DOC_NAME_WORDS = re.compile(r"政府工作报告|工作报告|工作总结|工作计划|工作要点|报告|总结|计划|要点")
# A report's year before its own ("94年报告里上一年…"), and its own ("今年目标").
PREVIOUS_YEAR = re.compile(r"(?<![比较])(?:上一年|上年|前一年|头一年|去年)")  # not "比上年增长": a comparison base
THIS_YEAR = re.compile(r"今年|本年|当年")
# A sentence that looks back over the years before its report ("两年来…", "五年来", "去年"): no plan of it
# ("比去年有明显回落" sets the plan against last year: a comparison, no look back)
LOOK_BACK_WORDS = re.compile(r"[两三四五六七八九十几多]年来|过去[一二两三四五]?年|(?<![比较同])(?:去年|上年)")
# A clause that plans ahead ("今年预期增长７％左右"): its figure is not of a year said before it
PLANNED_AHEAD = re.compile(r"今年|明年|计划|预期|目标")
# Over the years of one place: "五角场近几年拆违面积有什么变化", "长寿路各年加梯分别多少台".
YEAR_TREND = re.compile(r"近几年|这几年|这[两三四五六七八九十]年|近年来?|历年|各年|每年|逐年|哪几年|几年来|变化趋势|变化情况|有什么变化|有何变化|(?:怎么|怎样|如何)变化?")
# One row per place: "哪个街道加装电梯最多", "各街道2023年分别完成多少".
# "各拆了多少 排个序", "按年份排一下": the order the rows are wanted in, never part of the topic
ORDER_ASKED = re.compile(r"(?:按[\u4e00-\u9fff]{1,4}?)?(?:排(?:个|一下|下)?序|排一下)|排一排|排排|(?:从|由)(?:高到低|低到高|大到小|小到大|多到少|少到多)")
# "几份报告里说的粮食产量", "各个年代的报告里农民收入分别多少": every report in the index, one row each
EVERY_REPORT = re.compile(r"(?:(?:[这那各每几]|所有)[几个]?(?:份|个|篇)?(?:年代|时期|年份)?的?(?:政府)?(?:工作)?报告|"
                          r"(?:历年|各年|每年)(?:的)?(?:政府)?(?:工作)?报告)(?:里|中|上)?")
RANK_INTENT = re.compile(r"哪个街道|哪些街道|哪个镇|各街道|各个街道|各镇|每个街道|所有街道|几个街道")
SUPERLATIVE_MAX = re.compile(r"最多|最高|最大|最快|第一|排名第一|领先|谁多|谁高|谁大|谁最多")
SUPERLATIVE_MIN = re.compile(r"最少|最低|最小|最慢|垫底|谁少|谁低")
RATE_WORDS = re.compile(r"比例|率|百分之|占比|比重|百分点|增速|增幅|涨幅|降幅|跌幅")  # "GDP增速": a rate, not the level

# -- review (work done) vs plan (work to do) -------------------------------------
REVIEW_WORDS = re.compile(
    r"完成了|完成多少|完成几|完工|竣工|建成|做好了|做了|做过|搞了|弄了|办了|取得|实现了|成效|成果|回顾|总结|去年|累计|"
    r"共计|已经|已|开展了|获得|荣获|获评|办结|达到了|多少家|受理|实际")
# A figure written as a change ("比上年增加1501亿元", "增长百分之五"), not as a level ("增加到…").
CHANGE_VERBS = ("增加", "增长", "减少", "下降", "提高", "上升", "降低", "减产", "增产", "回落", "削减")
CHANGE_BEFORE = re.compile(r"(?:" + "|".join(CHANGE_VERBS) + r")了?\s*(?:约|近|超过)?$")
# "低保覆盖人数有啥变化", "积累率咋变的": how a measure changed, told by its figures
CHANGE_HOW_ASKED = re.compile(r"(?:啥|什么|怎么|咋)(?:样的?)?变化|咋变|怎么变")
# "比80年", "较上年": what is said before a year set beside as the base of a change
BASE_WORDS = r"(?:比起?|较|相比)"
BASE_BEFORE = re.compile(BASE_WORDS + r"\s*$")
# "比80年多多少", "各多出多少": a change told against a base, in plain words
MORE_OR_LESS_ASKED = re.compile(r"比[^，,\s]{1,12}?[多少](?=多少|几)|多出(?=多少|几)")
CHANGE_ASKED = re.compile("|".join((*CHANGE_VERBS, "增幅", "降幅", "涨", "降", "变化", "多了", "少了", "增速", "速度",
                                    MORE_OR_LESS_ASKED.pattern)))
PLAN_WORDS = re.compile(r"计划|打算|将要|准备|安排|目标|任务|要点|部署|拟|明年|要做|重点做|推进什么|将")
# The actual figure asked in so many words, against a target ("实际涨了多少", "实际完成多少").
ACTUAL_ASKED = re.compile(r"实际|实打实|真实")
# What makes a figure a target, not a result: "今年计划国内生产总值增长百分之九", "预期目标是…左右".
# (not 争取: a street's "争取市区两级资金3000万元" is money secured, not a target)
TARGET_BEFORE = re.compile(r"计划|预期|目标|预计|力争|控制在|打算|拟")
# ... or said right after it: "虽然略低于8％的预定目标", "达到7%的预期目标"
TARGET_AFTER = re.compile(r"\s*(?:左右)?的(?:预定|预期|原定|计划)?目标")
DONE_MARKERS = re.compile(r"完成了|已经|已完成|做了|取得")

# -- stages of a process --------------------------------------------------------
# canonical stage → the words staff or documents use for it. A number right after
# (or just before) one of these counts that stage: "签约18台,开工13台,完工11台".
STAGES: dict[str, tuple[str, ...]] = {
    "签约": ("签约", "签订", "签了"),
    "开工": ("开工", "动工", "开建", "开始施工"),
    "完工": ("完工", "竣工", "建成", "建好", "做好", "装好", "完成安装", "投用", "投入使用"),
    "立项": ("立项",),
    "受理": ("受理", "接到", "收到"),
    "办结": ("办结", "结案", "办理完成"),
    "发现": ("发现",),
    "接待": ("接待",),
    "化解": ("化解", "调解"),
    "拆除": ("拆除", "拆违"),
    "新增": ("新增", "新设", "新建", "新落地", "引进"),
    "培育": ("培育", "孵化"),
    "招录": ("招录", "招聘"),
    "发放": ("发放",),
    "走访": ("走访",),
    "覆盖": ("覆盖",),
    "惠及": ("惠及", "受益"),
    "参与": ("参与", "参加"),
}
# "完成多少台" with no stage named means the last stage of the process.
DONE_WORDS = ("完成", "完工", "竣工", "建成", "做完", "做好", "建好", "装好")

# -- units and measure words ---------------------------------------------------
# Measure words that may follow 多少/几 in a question ("多少台", "几家").
MEASURE_WORDS = frozenset("台家人名位个间张元户次场项件所条批处套辆座吨份支幢栋株棵只块部本期届类种起例轮斤亩头匹产"
                          "册篇首枚盏艘架组队堂")  # "新增图书2885册", "安装路灯120盏", "组建志愿者队伍12支/队"
# "改造了几个垃圾厢房": a clause whose ask comes before the thing it counts (verb, ask, measure word, thing)
ASK_BEFORE_NOUN = re.compile(r"([\u4e00-\u9fff]{1,6}?)(多少|几)((?:个|家|项|人|户)?)([\u4e00-\u9fffA-Za-z]{2,})$")
MULTI_CHAR_UNITS = ("人次", "户次", "万元", "亿元", "平方米", "平方公里", "万平方米", "公里", "千米", "千克", "公斤", "吨",
                    "立方米", "千瓦时", "千瓦", "百分点", "个百分点", "倍", "美元", "港元", "欧元", "周岁", "小时", "分钟",
                    "公顷", "标准煤", "㎡", "平米", "件批", "批次", "件次", "家次", "台次", "场次", "车次", "架次")
# Units that are the same count for staff: a question in 张/份/只 is answered by 件/个…
# Groups, not a hard filter: a different group only lowers a quantity's score.
UNIT_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"人", "名", "位", "人次", "户次", "户", "家"}),  # people and households
    frozenset({"家", "个", "所", "户", "处"}),  # organisations, places
    frozenset({"个", "件", "项", "张", "份", "只", "块", "条", "本", "起", "例", "类", "种", "处", "次",
               "册", "篇", "首", "枚", "盏"}),  # things, cases
    frozenset({"台", "部", "辆", "套", "座", "幢", "栋", "艘", "架"}),  # machines and buildings
    frozenset({"个", "支", "组", "队"}),  # teams
    frozenset({"次", "场", "期", "批", "届", "轮", "堂", "人次", "批次", "件次", "件批", "家次", "台次", "场次", "车次", "架次"}),  # events
    frozenset({"元", "万元", "亿元", "美元", "港元", "欧元"}),  # money
    frozenset({"平方米", "万平方米", "平方公里", "亩", "㎡", "平米", "公顷"}),  # area
    frozenset({"吨", "斤", "千克", "公斤"}),  # weight
)
MONEY_NOUNS = ("资金", "经费", "金额", "钱", "投入", "投资", "补贴", "款", "费用", "收入", "支出", "预算", "税", "外汇")
MONEY_UNITS = frozenset({"元", "万元", "亿元", "美元", "港元", "欧元"})
# "多少钱", "金额多少": money asked even without a counted money noun after 多少.
MONEY_ASKED = re.compile(r"多少钱|金额|多少元|几元|多少资金|多少经费")
AREA_NOUNS = ("面积", "占地")
AREA_UNITS = frozenset({"平方米", "万平方米", "平方公里", "亩", "公顷", "㎡", "平米"})
# Qualifiers that belong to a quantity and are quoted with it.
QUALIFIERS_BEFORE = ("约", "近", "超过", "逾", "将近", "不到", "不足", "不少于", "近乎")
# Words that end in a qualifier character without being one: "签约18台" is not "约18台".
NOT_QUALIFIER_WORDS = ("签约", "节约", "预约", "附近", "最近", "接近", "临近", "靠近")
QUALIFIERS_AFTER = ("余", "多", "左右", "以上", "以下", "上下", "有余")

# The text of one quantity: number (or range) + magnitude + qualifier + unit + qualifier.
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN_NUM = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
# A spelled-out figure with a magnitude needs no unit to be a quantity: "四千二百多万(城镇劳动力)".
CN_MAGNITUDE_QUANTITY = re.compile(r"(?<![第])(?P<num>[零〇一二两三四五六七八九十百千]+(?:多|余)?[万亿][零〇一二两三四五六七八九十百千万亿]*)(?P<q1>余|多)?")
_UNIT = (r"(?:%|％|‰|" + "|".join(sorted(MULTI_CHAR_UNITS, key=len, reverse=True))
         + r"|[" + "".join(sorted(MEASURE_WORDS)) + r"米元斤亩倍岁天年度])")  # 度: "发电量3，120亿度"
QUANTITY = re.compile(
    rf"(?P<num>{_NUM}(?:\s*[-－—~～至到]\s*{_NUM})?)\s*(?P<note>[(（][^()（）]{{1,16}}[)）](?=\s*(?:万|亿|{_UNIT})))?"
    rf"(?P<q0>(?:余|多)(?=万亿|亿|万))?(?P<mag>万亿|亿|万|千(?![米克瓦]))?\s*"
    rf"(?P<q1>余|多)?\s*(?P<unit>{_UNIT})?(?P<q2>左右|以上|以下|上下|有余)?"
)
CN_QUANTITY = re.compile(
    # "四亿零七百多万吨", "四千二百多万人": "多万" inside the figure; a unit is never read from inside
    # a spelled-out figure ("万吨" of 多万吨 alone)
    rf"(?<![第零〇一二两三四五六七八九十百千万亿多余])(?P<num>{_CN_NUM}(?:[多余][万亿])?)(?P<q1>余|多)?(?P<unit>{_UNIT})"
    r"(?P<q2>左右|以上|以下|有余)?"
)
# "百分之八至九", "百分之十五左右": a spelled-out percentage, with its range and qualifier.
PERCENT_CN = re.compile(rf"百分之(?P<num>{_CN_NUM}|{_NUM})(?:[至到~～－—-](?:百分之)?(?:{_CN_NUM}|{_NUM}))?"
                        r"(?:左右|以上|以下|以内|上下)?")
ORDINAL = re.compile(rf"第(?P<num>{_NUM}|[一二三四五六七八九十百]+)(?P<unit>[次期批届轮个项名位])")


def unit_affinity(asked: str, unit: str) -> float:
    """How well a quantity's unit answers the unit asked: 1 same, 0.6 same group,
    0 unrelated. A preference, never a filter (see the answerer's scoring)."""
    if not asked or not unit:
        return 0.0
    if asked == unit or _scaled(unit, asked) or _scaled(asked, unit):
        return 1.0
    if any(asked in g and unit in g for g in UNIT_GROUPS) or unit.endswith(asked) or asked.endswith(unit):
        return 0.6  # same group, or one counts the other's events ("台次" of 台, "人次" of 次)
    return 0.0


def _scaled(unit: str, base: str) -> bool:
    """"万平方米" is 平方米 counted in ten thousands; "人次" is not 次 (person-times, not times)."""
    return unit.endswith(base) and unit[: -len(base)] in ("万", "亿", "千", "百", "十", "万亿")


def stage_of_word(word: str) -> str | None:
    """The canonical stage a word names (``竣工`` → ``完工``), or None."""
    for stage, words in STAGES.items():
        if any(w in word for w in words):
            return stage
    return None


def stages_in(text: str) -> list[tuple[int, str]]:
    """(position, canonical stage) of every stage word in ``text``."""
    out = []
    for stage, words in STAGES.items():
        for w in words:
            start = text.find(w)
            while start >= 0:
                out.append((start, stage))
                start = text.find(w, start + 1)
    return sorted(out)
