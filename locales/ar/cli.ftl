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
