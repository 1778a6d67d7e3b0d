# ما يطبعه أمر nashra للناس. سطر "listening on" ليس هنا: تقرؤه البرامج فيبقى ثابتًا.

cli-error = خطأ: { $message }
cli-migrations-applied = { PLURAL($count) ->
    [zero] لم تُطبَّق أي ترحيلات.
    [one] طُبِّق ترحيل واحد.
    [two] طُبِّق ترحيلان.
    [few] طُبِّقت { $count } ترحيلات.
    [many] طُبِّق { $count } ترحيلًا.
   *[other] طُبِّق { $count } ترحيل.
}
cli-user-created = أُنشئ المستخدم { $email } (المعرّف { $id }).
cli-user-disabled = معطّل
cli-user-count = { PLURAL($count) ->
    [zero] لا يوجد مستخدمون.
    [one] مستخدم واحد.
    [two] مستخدمان.
    [few] { $count } مستخدمين.
    [many] { $count } مستخدمًا.
   *[other] { $count } مستخدم.
}
cli-user-not-found = لا يوجد مستخدم بعنوان البريد الإلكتروني { $email }.
cli-password-changed = تغيّرت كلمة مرور { $email }، وانتهت جلساته.
cli-password-stdin-empty = لا توجد كلمة مرور في الدخل القياسي. مثال: printf '%s' "$PASSWORD" | nashra user add ... --password-stdin

startup-secret-placeholder = لن يُوقَّع شيء بهذا المفتاح: يبدو مفتاحًا مؤقتًا أو نمطًا يسهل تخمينه. اضبط NASHRA_AUTH__SECRET على 32 بايتًا عشوائيًا على الأقل (openssl rand -base64 48)، أو احذفه ليُولَّد مفتاح ويُحفظ بجانب البيانات.
startup-secret-short = لن يُوقَّع شيء بهذا المفتاح: طوله أقل من 32 بايتًا. اضبط NASHRA_AUTH__SECRET على 32 بايتًا عشوائيًا على الأقل (openssl rand -base64 48)، أو احذفه ليُولَّد مفتاح ويُحفظ بجانب البيانات.
cli-export-web-done = الصفحات المكتوبة: { $pages }، والصور: { $media }، في { $folder } للعنوان { $url }.
cli-edition-not-found = لا يوجد عدد منشور بالمعرّف النصي { $slug }.
cli-unknown-locale = { $locale } ليست لغة مُعدّة.
cli-send-done = انتهى الإرسال: أُرسل { $sent }، وفشل { $failed }، و{ $fallbacks } باللغة الافتراضية (أُضيف { $queued } إلى الطابور في هذا التشغيل).
cli-send-progress = الفاشلة: { $failed }، وبانتظار إعادة المحاولة: { $retrying }
cli-send-temporary-failure = لم تُرسل بعد، وستُعاد المحاولة: { $error }
cli-send-smtp-hint = { "  " }يذهب البريد إلى خادم SMTP على { $server } (الإعداد smtp_url؛ ويضبطه NASHRA_SMTP_URL لهذا الأمر). تُعاد محاولة الرسائل المنتظرة بعد فترات تطول شيئًا فشيئًا؛ يوقف Ctrl-C الأمر، وتشغيله مرة أخرى يكمل من حيث توقف.
cli-send-more-errors = لا تُعرض هنا أخطاء مختلفة أخرى؛ يسرد GET /api/v1/editions/{ $id }/delivery أكثرها تكرارًا.
cli-address-used = تشير الروابط إلى { $url } ({ $source }).
cli-address-from-flag = الخيار ‎--base-url
cli-address-from-settings = الإعداد public_url لهذا الأمر
cli-address-from-server = العنوان الذي يقدّم عليه خادمُ قاعدة البيانات هذه الموقعَ
cli-address-from-bind = عنوان الاستماع: لم يعمل خادم على قاعدة البيانات هذه ولم يُضبط public_url؛ استخدم ‎--base-url أو NASHRA_PUBLIC_URL
cli-worker-started = عامل التوصيل يعمل؛ أوقفه بـ Ctrl-C.
cli-export-email-done = كُتب الملف { $file }.
cli-import-done = استُورد: القصص { $stories } (النصوص { $translations })، والأعداد { $editions }، والصور { $images }.
cli-import-warning = ملاحظة: { $warning }
cli-import-invalid = الحقل { $field }: { $reason }
cli-import-failed = لم يُستورد شيء. { $error }
cli-demo-data = عرض nashra التجريبي — البيانات في { $folder }
cli-demo-desk = { "  " }المكتب (ادخل بأحد الحسابات أدناه): { $url }
cli-demo-site = { "  " }موقع { $language }: { $url }
cli-demo-api = { "  " }مرجع الواجهة البرمجية: { $url }
cli-demo-accounts = { "  " }الحسابات (البريد، كلمة المرور، الأدوار):
startup-smtp-plaintext-credentials = رفض التشغيل: يحتوي smtp_url على اسم مستخدم وكلمة مرور دون TLS، فتعبر كلمة المرور الشبكة غير مشفّرة. استخدم smtps://… أو أضف ?tls=required؛ وإن كان خادم البريد على هذا الجهاز أو على شبكة موثوقة فأضف insecure_auth=true إلى العنوان.
cli-send-scheduled = العدد { $slug } مجدول للإرسال لاحقًا. ألغِ الإرسال المجدول (من صفحة الإرسال في المكتب، أو عبر الواجهة البرمجية) قبل إرساله الآن.
cli-media-variants-made = { $name }: { PLURAL($count) ->
    [zero] لا مقاسات أخرى.
    [one] مقاس واحد.
    [two] مقاسان.
    [few] { $count } مقاسات.
    [many] { $count } مقاسًا.
   *[other] { $count } مقاس.
}
cli-media-variants-unreadable = { $name }: بلا مقاسات أخرى، ويُعرض الأصل وحده ({ $reason }).
cli-media-variants-done = { PLURAL($count) ->
    [zero] لم تُعالَج أي صورة.
    [one] عولجت صورة واحدة.
    [two] عولجت صورتان.
    [few] عولجت { $count } صور.
    [many] عولجت { $count } صورة.
   *[other] عولجت { $count } صورة.
}

# جمل المستورِد عن ملفات المجلد، بعد `الملف:السطر: `.
import-unreadable = تعذّرت القراءة: { $detail }
import-file-empty = الملف فارغ
import-front-matter-open = يُنتظر سطر `+++` يفتتح الترويسة
import-front-matter-unclosed = الترويسة لا يغلقها سطر `+++`
import-front-matter-invalid = الترويسة ليست TOML صالحًا: { $detail }
import-not-a-folder = ليس مجلدًا
import-unknown-status = حالة غير معروفة «{ $status }»
import-disagree = قيمة { $name } هنا { $here } لكنها { $there } في مستند آخر من هذه القصة
import-unknown-locale = اللغة «{ $locale }» ليست مُعدّة
import-duplicate-text = للقصة { $slug } نص بلغة { $locale } من قبل
import-edition-number-differs = الرقم يخالف رقم مستند آخر من هذا العدد
import-unknown-story = القصة «{ $slug }» ليست بين القصص المستوردة
import-unknown-edition = العدد «{ $edition }» ليس بين الأعداد المستوردة
import-comment-needed = الحالة changes_requested تحتاج إلى تعليق المراجِع
import-missing-image = الصورة «{ $file }» ليست في المجلد images/
import-refused = رُفض: { $detail }
import-no-admin = أنشئ حساب مدير أولًا
import-edition-exists = العدد { $slug } موجود من قبل
import-no-text = { $file }: ليس للقصة { $slug } نص بلغة { $locale }
import-image-unreadable = تعذّرت قراءة الصورة { $file }: { $detail }
import-image-unsupported = الملف { $file } ليس صورة JPEG أو PNG أو WebP
import-image-unstored = تعذّر حفظ { $file }: { $detail }
import-story-exists = القصة { $slug } موجودة من قبل
import-text-vanished = اختفى النص بلغة { $locale } أثناء الاستيراد
import-text-changed = تغيّر النص بلغة { $locale } أثناء الاستيراد
import-unknown-user = لا يوجد مستخدم بالبريد { $email }
import-bad-time = «{ $value }» ليس بصيغة YYYY-MM-DD ولا وقتًا بصيغة RFC 3339

# مساعدة سطر الأوامر نفسها (`nashra --help`، `nashra user add --help`): cli-<مسار الأمر>-about
# للأمر، وcli-<مسار الأمر>-arg-<الوسيط> للوسيط.
cli-about = خادم لغرفة الأخبار لنشرة بالإنجليزية والعربية
cli-arg-config = المجلد الذي فيه default.toml و<mode>.toml.
cli-arg-database = sqlite://PATH أو postgres://USER@HOST:PORT/DB (يتقدّم على NASHRA_DATABASE_URL).
cli-demo-about = شغّل عرضًا تجريبيًا: قاعدة بيانات جديدة فيها نشرة نموذجية بلغتين، ثم الخادم.
cli-demo-arg-dir = مجلد قاعدة بيانات العرض وصوره، يُفرَّغ أولًا (الافتراضي: data/demo).
cli-demo-arg-content = المحتوى الذي يُحمَّل (الافتراضي: content/demo).
cli-demo-arg-bind = العنوان الذي يُستمَع عليه.
cli-import-about = استورد القصص والأعداد من ملفات Markdown (انظر docs/import.md).
cli-import-arg-dir = مجلد فيه stories/ وeditions/ وimages/ وpublication.toml اختياريًا.
cli-serve-about = شغّل خادم HTTP.
cli-serve-arg-bind = العنوان الذي يُستمَع عليه، مثل 127.0.0.1:8080 (المنفذ 0 يختار منفذًا متاحًا).
cli-migrate-about = طبّق ترحيلات قاعدة البيانات المعلّقة.
cli-user-about = إدارة حسابات المستخدمين.
cli-user-add-about = أنشئ مستخدمًا. تُقرأ كلمة المرور من الدخل القياسي.
cli-user-add-arg-email = عنوان البريد الإلكتروني، وهو اسم الدخول أيضًا.
cli-user-add-arg-name = الاسم المعروض.
cli-user-add-arg-roles = admin أو editor أو reviewer؛ كرّره لأكثر من دور.
cli-user-add-arg-locale = اللغة المفضّلة (الافتراضي: اللغة الافتراضية).
cli-user-add-arg-password-stdin = اقرأ كلمة المرور من الدخل القياسي (إلزامي، كي لا تظهر في `ps`).
cli-user-list-about = اعرض جميع المستخدمين.
cli-user-passwd-about = اضبط كلمة مرور مستخدم (تُقرأ من الدخل القياسي) وأنهِ جلساته.
cli-user-passwd-arg-email = عنوان بريد المستخدم.
cli-user-passwd-arg-password-stdin = اقرأ كلمة المرور من الدخل القياسي (إلزامي).
cli-send-about = أرسل عددًا منشورًا إلى كل مشترك مؤكَّد، مع عرض التقدّم.
cli-send-arg-edition = المعرّف النصي للعدد.
cli-worker-about = شغّل عامل توصيل (يرسل البريد المنتظر) حتى يُقاطَع.
cli-export-about = صدّر المحتوى المنشور ملفاتٍ.
cli-export-web-about = اكتب الموقع المنشور ملفاتٍ ثابتة.
cli-export-web-arg-out = المجلد الذي يُكتب فيه (يُنشأ إن لم يوجد؛ وتُستبدَل الملفات الموجودة).
cli-export-web-arg-base-url = العنوان الذي ستُخدَم منه الملفات (الافتراضي: public_url، وإلا فعنوان الاستماع).
cli-export-email-about = اكتب رسالة عدد واحدة، كما تصل مشتركًا بلغة ما، في ملف .eml.
cli-export-email-arg-edition = المعرّف النصي للعدد المنشور.
cli-export-email-arg-locale = لغة المشترك.
cli-export-email-arg-out = ملف .eml الذي يُكتب.
cli-export-email-arg-to = عنوان المستلم (To) المكتوب في الرسالة.
cli-media-about = العمل على الصور المرفوعة.
cli-media-variants-about = أنشئ المقاسات المصغّرة (بعرض 480 و600 و960 و1600 بكسل) لكل صورة ليست لها بعد، صورةً صورة. يمكن تشغيله والخادم يعمل، ومرة بعد مرة.
cli-media-variants-arg-all = أنشئها من جديد لكل صورة، لا لما ليست له فقط.
cli-check-locales-about = تحقّق من أن لكل لغة الرسائل نفسها بالمتغيّرات نفسها.
cli-check-locales-arg-locales = مجلد فيه مجلد فرعي لكل لغة، فوق الملفات المدمجة (الافتراضي: locales_dir المُعدّ).
cli-help-about = اعرض هذه الرسالة أو مساعدة الأوامر الفرعية المذكورة
cli-help-arg-subcommand = اعرض مساعدة الأوامر الفرعية
cli-help-flag = اعرض المساعدة
cli-version-flag = اعرض الإصدار
cli-heading-usage = الاستخدام:
cli-heading-commands = الأوامر
cli-heading-arguments = الوسائط
cli-heading-options = الخيارات
cli-usage-options = {"["}خيارات]
cli-usage-command = أمر
cli-try-help = لمزيد من المعلومات جرّب '--help'.
cli-role-expected = المتوقَّع admin أو editor أو reviewer

# ما يقوله clap حين تكون الوسائط خاطئة، بعد "خطأ: ".
cli-clap-missing-arguments = لم تُعطَ الوسائط الإلزامية الآتية:{ $arguments }
cli-clap-missing-value = الوسيط '{ $argument }' يحتاج إلى قيمة ولم تُعطَ
cli-clap-invalid-value = القيمة '{ $value }' غير صالحة للوسيط '{ $argument }'
cli-clap-possible-values = القيم الممكنة: { $values }
cli-clap-unknown-argument = وسيط غير متوقَّع '{ $argument }'
cli-clap-unknown-subcommand = أمر فرعي غير معروف '{ $name }'
cli-clap-missing-subcommand = '{ $command }' يحتاج إلى أمر فرعي ولم يُعطَ
cli-clap-subcommands = الأوامر الفرعية: { $values }
cli-clap-conflict = لا يُستعمل الوسيط '{ $argument }' مع '{ $other }'
cli-clap-repeated = لا يُستعمل الوسيط '{ $argument }' أكثر من مرة
cli-clap-too-many-values = قيمة غير متوقَّعة '{ $value }' للوسيط '{ $argument }'؛ لا يُنتظر غيرها
cli-clap-similar-argument = تلميح: يوجد وسيط مشابه: '{ $suggestion }'
cli-clap-similar-subcommand = تلميح: يوجد أمر فرعي مشابه: '{ $suggestion }'
cli-clap-similar-value = تلميح: توجد قيمة مشابهة: '{ $suggestion }'

# `nashra check-locales`.
cli-locales-ok = اللغات سليمة: { $locales } توافق { $reference }
cli-locales-unreadable = [{ $locale }] تعذّرت القراءة: { $detail }
cli-locales-missing = [{ $locale }] تنقصها الرسالة { $id } (الموجودة في { $reference })
cli-locales-extra = [{ $locale }] الرسالة { $id } ليست في { $reference }
cli-locales-variables = [{ $locale }] تستعمل { $id } المتغيّرات {"{"}{ $found }{"}"} بينما تستعمل { $reference } {"{"}{ $expected }{"}"}
cli-locales-failed = { PLURAL($count) ->
    [zero] لا مشكلات في { $folder }.
    [one] مشكلة واحدة في اللغات في { $folder }.
    [two] مشكلتان في اللغات في { $folder }.
    [few] { $count } مشكلات في اللغات في { $folder }.
    [many] { $count } مشكلةً في اللغات في { $folder }.
   *[other] { $count } مشكلة في اللغات في { $folder }.
}

# تسميات أشرطة التقدّم.
cli-export-progress = الصفحات
cli-send-progress-label = الرسائل
