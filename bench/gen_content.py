#!/usr/bin/env python3
"""Generate one synthetic bilingual newsletter twice: as a `nashra import` directory and as
a Hugo site with the same words and the same pages.

    gen_content.py --stories 10000 --per-edition 20 --nashra DIR --hugo DIR

Everything comes from a seeded random generator, so two runs with the same arguments write
the same bytes (the bench caches the output by its arguments).

Pages on both sides, per locale (en, ar): one page per story, one per edition (title,
foreword, signature, its stories with summaries), the home page (latest edition), the
archive (every edition), a feed of the latest 30 stories, plus one sitemap. Hugo's layouts
live in bench/hugo/layouts and are copied into the site.
"""

import argparse
import datetime as dt
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Small vocabularies: realistic enough word lengths for Markdown parsing, escaping and
# output size; content quality is irrelevant to the timing.
EN_WORDS = """water well pipeline families school children teachers classes seeds farmers harvest
clinic doctors nurses medicine district village town road bridge flood winter spring summer
autumn repair rebuild support programme partners community volunteers office regional team
report month week year cash assistance food kits shelter blankets heating fuel stoves
training women youth jobs market shops loans savings group meeting council mayor engineers
survey data needs plan budget donors funding trust fund thanks readers newsletter edition
story photo credit caption health safety protection mines education learning reading
mathematics attendance progress results evaluation lessons challenges hope together
neighbours homes roofs windows doors walls tents camps return displaced hosting services
electricity solar panels pumps tanks trucks deliveries distribution registration""".split()

AR_WORDS = """مياه بئر أنابيب أسر مدرسة أطفال معلمون صفوف بذور مزارعون حصاد عيادة أطباء ممرضات
دواء منطقة قرية بلدة طريق جسر سيول شتاء ربيع صيف خريف إصلاح إعادة بناء دعم برنامج شركاء
مجتمع متطوعون مكتب إقليمي فريق تقرير شهر أسبوع سنة مساعدة نقدية غذاء حقائب مأوى بطانيات
تدفئة وقود مواقد تدريب نساء شباب وظائف سوق محلات قروض مدخرات مجموعة اجتماع مجلس رئيس
مهندسون مسح بيانات احتياجات خطة ميزانية مانحون تمويل صندوق شكر قراء نشرة عدد قصة صورة
تعليق صحة سلامة حماية ألغام تعليم قراءة رياضيات حضور تقدم نتائج تقييم دروس تحديات أمل
معاً جيران بيوت أسطح نوافذ أبواب جدران خيام مخيمات عودة نازحون خدمات كهرباء ألواح شمسية
مضخات خزانات شاحنات توزيع تسجيل""".split()

LOCALES = ("en", "ar")
WORDS = {"en": EN_WORDS, "ar": AR_WORDS}


def sentence(rng, words, n):
    s = " ".join(rng.choice(words) for _ in range(n))
    return s[0].upper() + s[1:] + "."


def paragraph(rng, words, sentences):
    return " ".join(sentence(rng, words, rng.randint(8, 16)) for _ in range(sentences))


def story_text(rng, locale, slug):
    """Title, summary and a Markdown body of ~300 words with some inline markup."""
    w = WORDS[locale]
    title = sentence(rng, w, rng.randint(5, 9))[:-1]
    summary = sentence(rng, w, rng.randint(16, 24))
    paras = [paragraph(rng, w, rng.randint(3, 5)) for _ in range(4)]
    # A bold phrase, a link and a list: the Markdown features a real story uses.
    first = paras[0].split(" ")
    first[1], first[2] = "**" + first[1], first[2] + "**"
    paras[0] = " ".join(first)
    paras[1] += f" [{rng.choice(w)} {rng.choice(w)}](https://example.org/{locale}/{slug})"
    paras.insert(2, "\n".join(f"- {sentence(rng, w, 6)}" for _ in range(3)))
    return title, summary, "\n\n".join(paras)


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, required=True)
    ap.add_argument("--per-edition", type=int, default=20)
    ap.add_argument("--nashra", required=True, help="import directory to write")
    ap.add_argument("--hugo", required=True, help="Hugo site directory to write")
    ap.add_argument("--base-url", default="https://bulletin.example.org/")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    for d in (args.nashra, args.hugo):
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(args.nashra, "stories"))
    os.makedirs(os.path.join(args.nashra, "editions"))
    for loc in LOCALES:
        os.makedirs(os.path.join(args.hugo, "content", loc, "stories"))
        os.makedirs(os.path.join(args.hugo, "content", loc, "editions"))

    n_editions = (args.stories + args.per_edition - 1) // args.per_edition
    first_day = dt.date(2016, 1, 4)
    # (number, slug, date, [story slugs]) — weekly editions, oldest first.
    editions = []
    for e in range(n_editions):
        slugs = [f"story-{i:05d}" for i in range(e * args.per_edition, min(args.stories, (e + 1) * args.per_edition))]
        editions.append((e + 1, f"edition-{e + 1:04d}", first_day + dt.timedelta(days=7 * e), slugs))

    for number, ed_slug, date, slugs in editions:
        for slug in slugs:
            docs = []
            for loc in LOCALES:
                title, summary, body = story_text(rng, loc, slug)
                link = f"{args.base_url}{loc}/stories/{slug}/"
                docs.append(
                    "+++\n"
                    f'slug = "{slug}"\nlocale = "{loc}"\nsection = "{"abc"[number % 3]}"\n'
                    f'edition = "{ed_slug}"\nstatus = "published"\npublished_at = "{date.isoformat()}"\n'
                    f"title = {toml_str(title)}\nsummary = {toml_str(summary)}\n"
                    f'link = "https://example.org/{loc}/{slug}"\n'
                    f"+++\n{body}\n"
                )
                # Hugo: the same words; translations pair up by file name across content dirs.
                with open(os.path.join(args.hugo, "content", loc, "stories", slug + ".md"), "w") as f:
                    f.write(
                        "+++\n"
                        f"title = {toml_str(title)}\nsummary = {toml_str(summary)}\n"
                        f'date = {date.isoformat()}\nedition = "{ed_slug}"\nsection_label = "{"abc"[number % 3]}"\n'
                        f'link = "https://example.org/{loc}/{slug}"\n'
                        f"+++\n{body}\n"
                    )
            with open(os.path.join(args.nashra, "stories", slug + ".md"), "w") as f:
                f.write("\n".join(docs))

        docs = []
        stories_toml = "[" + ", ".join(f'"{s}"' for s in slugs) + "]"
        for loc in LOCALES:
            w = WORDS[loc]
            title = sentence(rng, w, 5)[:-1]
            foreword = "\n\n".join(paragraph(rng, w, 3) for _ in range(3))
            sig_name, sig_role = ("Layla Haddad", "Head of Office") if loc == "en" else ("ليلى حداد", "رئيسة المكتب")
            docs.append(
                "+++\n"
                f'locale = "{loc}"\nnumber = {number}\nslug = "{ed_slug}"\npublished_at = "{date.isoformat()}"\n'
                f"title = {toml_str(title)}\n"
                f'signature_name = "{sig_name}"\nsignature_role = "{sig_role}"\nstories = {stories_toml}\n'
                f"+++\n{foreword}\n"
            )
            with open(os.path.join(args.hugo, "content", loc, "editions", ed_slug + ".md"), "w") as f:
                f.write(
                    "+++\n"
                    f"title = {toml_str(title)}\ndate = {date.isoformat()}\nnumber = {number}\n"
                    f'signature_name = "{sig_name}"\nsignature_role = "{sig_role}"\nstories = {stories_toml}\n'
                    f"+++\n{foreword}\n"
                )
        with open(os.path.join(args.nashra, "editions", ed_slug + ".md"), "w") as f:
            f.write("\n".join(docs))

    with open(os.path.join(args.nashra, "publication.toml"), "w") as f:
        f.write(
            f'website_url = "{args.base_url}"\ncontact_email = "office@example.org"\n'
            'sender_address = "bulletin@example.org"\n\n'
            '[texts.en]\nnewsletter_name = "The Bench Bulletin"\nsender_name = "The Bench Bulletin"\n'
            'postal_address = "1 Example Street, Example Town"\nfunders_line = "Made possible by the Example Fund."\n\n'
            '[texts.ar]\nnewsletter_name = "نشرة القياس"\nsender_name = "نشرة القياس"\n'
            'postal_address = "١ شارع المثال، مدينة المثال"\nfunders_line = "بدعم من صندوق المثال."\n'
        )

    # Hugo: the stories section is only a folder of pages (nashra has no such index page),
    # so its list page is not rendered; the editions section list is the archive.
    for loc in LOCALES:
        with open(os.path.join(args.hugo, "content", loc, "stories", "_index.md"), "w") as f:
            f.write('+++\ntitle = "stories"\n[_build]\nrender = "never"\nlist = "always"\n+++\n')
        with open(os.path.join(args.hugo, "content", loc, "editions", "_index.md"), "w") as f:
            f.write('+++\ntitle = "Archive"\n+++\n' if loc == "en" else '+++\ntitle = "الأرشيف"\n+++\n')
    shutil.copytree(os.path.join(HERE, "hugo", "layouts"), os.path.join(args.hugo, "layouts"))
    # The same stylesheet nashra's theme ships, so both sites write the same asset.
    os.makedirs(os.path.join(args.hugo, "static", "assets"))
    css = os.path.join(HERE, "..", "templates", "site", "assets", "site.css")
    if os.path.exists(css):
        shutil.copy(css, os.path.join(args.hugo, "static", "assets", "site.css"))
    with open(os.path.join(HERE, "hugo", "config.toml")) as src:
        config = src.read().replace("@BASE_URL@", args.base_url)
    with open(os.path.join(args.hugo, "config.toml"), "w") as f:
        f.write(config)

    print(f"{args.stories} stories x {len(LOCALES)} locales, {n_editions} editions", file=sys.stderr)


if __name__ == "__main__":
    main()
