# المكتب: الأعداد
## القائمة وإنشاء عدد

desk-editions-title = الأعداد
desk-edition-new = عدد جديد
desk-edition-number = الرقم
desk-edition-title = العنوان
desk-edition-status = الحالة
desk-edition-published-on = تاريخ النشر
desk-edition-delivery = الإرسال
desk-edition-numbered = العدد { $number }
desk-edition-is-draft = مسودة
desk-edition-is-under_review = تعديلات قيد المراجعة
desk-edition-is-live = منشور
desk-edition-not-published = لم يُنشر بعد
desk-edition-not-sent = لم يُرسل
desk-edition-sending-now = جارٍ الإرسال: أُرسل { $sent } من { $total }
desk-edition-sent-to = { $failed ->
    [0] أُرسل إلى { $sent }
   *[other] أُرسل إلى { $sent }، وتعذّر { $failed }
}
desk-editions-pages = صفحات الأعداد
desk-editions-newer = أعداد أحدث
desk-editions-older = أعداد أقدم
desk-editions-page = الصفحة { $page } من { $pages }
desk-editions-empty = لا توجد أعداد بعد.
desk-edition-slug = اسم العنوان (المعرّف)
desk-edition-slug-hint = حروف لاتينية صغيرة وأرقام وشَرطات، مثل spring-2026. يصبح جزءًا من عنوان العدد على الموقع.
desk-edition-required-locales = اللغات التي يجب أن تكون كل قصة جاهزة بها
desk-edition-create = أنشئ العدد

## عدد واحد

desk-editions-back = كل الأعداد
desk-edition-first-published = نُشر أول مرة في
desk-edition-pending-changes = فيه تعديلات لا يراها القرّاء حتى ينشرها مراجع
desk-edition-readiness = هل هو جاهز للنشر؟
desk-edition-ready = كل شيء جاهز: يمكن لمراجع أن ينشر هذا العدد.
desk-edition-unmet-no_stories = لا قصص في العدد بعد. أضف قصصًا.
desk-edition-unmet-missing_edition_text = لا عنوان ولا تقديم للعدد باللغة { $language } بعد. اكتبهما.
desk-edition-unmet-missing_translation = لا ترجمة { $language } لقصة «{ $story }» بعد.
desk-edition-unmet-not_approved = قصة «{ $story }» باللغة { $language } لم تُعتمد بعد (حالتها: { $status }).
desk-edition-unmet-outdated = قصة «{ $story }» باللغة { $language } قديمة: تغيّر نصها الأصلي بعد ترجمتها.
desk-edition-publish = انشر العدد
desk-edition-publish-blocked = { $count ->
    [zero] ينتظر النشر إتمام البنود أعلاه.
    [one] ينتظر النشر إتمام البند أعلاه.
    [two] ينتظر النشر إتمام البندين أعلاه.
    [few] ينتظر النشر إتمام { $count } بنود أعلاه.
    [many] ينتظر النشر إتمام { $count } بندًا أعلاه.
   *[other] ينتظر النشر إتمام { $count } بند أعلاه.
}
desk-edition-publish-not-ready = { $count ->
    [zero] لا يمكن نشر العدد بعد.
    [one] لا يمكن نشر العدد بعد: بند واحد من القائمة لم يُنجز.
    [two] لا يمكن نشر العدد بعد: بندان من القائمة لم يُنجزا.
    [few] لا يمكن نشر العدد بعد: { $count } بنود من القائمة لم تُنجز.
    [many] لا يمكن نشر العدد بعد: { $count } بندًا من القائمة لم تُنجز.
   *[other] لا يمكن نشر العدد بعد: { $count } بند من القائمة لم يُنجز.
}
desk-edition-stories = { $count ->
    [zero] القصص
    [one] قصة واحدة بهذا الترتيب
    [two] قصتان بهذا الترتيب
    [few] { $count } قصص بهذا الترتيب
    [many] { $count } قصة بهذا الترتيب
   *[other] { $count } قصة بهذا الترتيب
}
desk-edition-stories-in-list = هذه القصص في قائمة القصص، مع عوامل التصفية
desk-edition-drag-hint = اسحب قصة لنقلها، أو استعمل أزرارها.
desk-edition-move-up = إلى الأعلى
desk-edition-move-down = إلى الأسفل
desk-edition-remove = أزل
desk-edition-no-stories = لا قصص بعد. أضفها أدناه.
desk-edition-add-stories = أضف قصصًا
desk-edition-search = قصص خارج أي عدد، بالعنوان أو المعرّف
desk-edition-search-go = ابحث
desk-edition-add = أضف إلى هذا العدد
desk-edition-no-candidates = لا قصة خارج الأعداد تطابق البحث.
desk-edition-texts = العنوان والتقديم والتوقيع
desk-edition-text-required = مطلوب قبل النشر.
desk-edition-signature-name = التوقيع (الاسم)
desk-edition-signature-role = صفة الموقّع
desk-edition-cover-alt = وصف صورة الغلاف (لمن لا يراها)
desk-edition-foreword = التقديم
desk-edition-save-text = احفظ نص { $language }
desk-edition-settings = الرقم والعنوان والغلاف
desk-edition-cover = صورة الغلاف
desk-edition-cover-hint = اختر صورة من مكتبة الوسائط؛ ارفع الصور الجديدة هناك.
desk-edition-no-cover = بلا غلاف
desk-edition-save-settings = احفظ

## رسائل بعد إجراء

desk-flash-edition-created = أُنشئ العدد. أضف قصصه ونصوصه.
desk-flash-edition-saved = حُفظت إعدادات العدد.
desk-flash-edition-texts-saved = حُفظ النص. يراه القرّاء بعد أن ينشر مراجع العدد.
desk-flash-edition-story-moved = نُقلت القصة.
desk-flash-edition-story-added = أُضيفت القصة إلى العدد.
desk-flash-edition-story-removed = أُزيلت القصة من العدد.
desk-flash-edition-published = نُشر العدد: يراه القرّاء الآن.
desk-flash-edition-test-sent = أُرسلت رسالة الاختبار.
desk-flash-edition-sent = أُدرج العدد للإرسال إلى كل المشتركين؛ بدأ الإرسال.

## الإرسال

desk-sending-title = الإرسال
desk-sending-back = عودة إلى العدد
desk-sending-progress = سير الإرسال
desk-sending-nothing-yet = لم يُرسل شيء بعد.
desk-sending-count-queued = في الانتظار
desk-sending-count-sent = أُرسل
desk-sending-count-failed = تعذّر
desk-sending-count-retrying = تُعاد المحاولة
desk-sending-count-remaining = المتبقي
desk-sending-of-total = من أصل { $total } رسالة.
desk-sending-fallbacks = { $count ->
    [zero] لا أحد يتلقى اللغة الافتراضية.
    [one] مشترك واحد يتلقى اللغة الافتراضية: العدد ليس بلغته.
    [two] مشتركان يتلقيان اللغة الافتراضية: العدد ليس بلغتهما.
    [few] { $count } مشتركين يتلقون اللغة الافتراضية: العدد ليس بلغتهم.
    [many] { $count } مشتركًا يتلقون اللغة الافتراضية: العدد ليس بلغتهم.
   *[other] { $count } مشترك يتلقون اللغة الافتراضية: العدد ليس بلغتهم.
}
desk-sending-waiting-errors = بانتظار محاولة أخرى، حسب آخر خطأ
desk-sending-failed-errors = فشلت نهائيًا، حسب الخطأ
desk-sending-error-count = { $count ->
    [zero] لا رسائل
    [one] رسالة واحدة
    [two] رسالتان
    [few] { $count } رسائل
    [many] { $count } رسالة
   *[other] { $count } رسالة
}
desk-sending-send = الإرسال إلى المشتركين
desk-sending-audience = { $count ->
    [zero] لا مشترك ينتظر هذا العدد.
    [one] مشترك واحد لم يتلقَّ هذا العدد بعد.
    [two] مشتركان لم يتلقيا هذا العدد بعد.
    [few] { $count } مشتركين لم يتلقوا هذا العدد بعد.
    [many] { $count } مشتركًا لم يتلقوا هذا العدد بعد.
   *[other] { $count } مشترك لم يتلقوا هذا العدد بعد.
}
desk-sending-send-go = أرسل…
desk-sending-nobody = كل المشتركين المؤكَّدين تلقوا هذا العدد.
desk-sending-test = إرسال تجريبي
desk-sending-test-email = أرسل نسخة تجريبية إلى
desk-sending-test-language = باللغة
desk-sending-test-go = أرسل النسخة التجريبية
desk-sending-previews = الرسالة كما يراها المشتركون
desk-sending-preview-of = الرسالة باللغة { $language }
desk-sending-open-preview = افتحها وحدها
desk-sending-not-published = هذا العدد لم يُنشر بعد: انشره قبل إرساله.
desk-sending-confirm-title = أترسل العدد؟
desk-sending-subscribers = { $count ->
    [zero] لا مشتركين
    [one] مشترك واحد
    [two] مشتركان
    [few] { $count } مشتركين
    [many] { $count } مشتركًا
   *[other] { $count } مشترك
}
desk-sending-confirm-go = { $count ->
    [zero] لا أحد للإرسال إليه
    [one] نعم، أرسل إلى مشترك واحد
    [two] نعم، أرسل إلى مشتركَين
    [few] نعم، أرسل إلى { $count } مشتركين
    [many] نعم، أرسل إلى { $count } مشتركًا
   *[other] نعم، أرسل إلى { $count } مشترك
}
desk-sending-cancel = ليس الآن
desk-sending-back-to-sending = عودة إلى الإرسال

## Sending later

desk-sending-schedule = الإرسال لاحقًا
desk-sending-schedule-hint = في ذلك الوقت يُرسل العدد إلى كل مشترك مؤكَّد لم يتلقّه بعد، ومنهم من يؤكّد اشتراكه قبل ذلك. ويمكنك إلغاء الإرسال حتى يحين وقته.
desk-sending-send-at = الإرسال في (التاريخ والوقت، { $zone })
desk-sending-schedule-go = جدوِل الإرسال
desk-sending-scheduled-for = الإرسال مجدول في { $when } ({ $zone })، جدوله { $name }.
desk-sending-schedule-cancel = ألغِ الإرسال المجدول
desk-flash-edition-scheduled = جُدول الإرسال. يمكنك إلغاؤه حتى يحين وقته.
desk-flash-edition-send-cancelled = أُلغي الإرسال المجدول: لم يُرسل شيء.
## مجموعات القصص (المواصفة §12)

desk-edition-stories-grouped = { PLURAL($count) ->
    [zero] لا قصص
    [one] قصة واحدة
    [two] قصتان
    [few] { $count } قصص
    [many] { $count } قصة
   *[other] { $count } قصة
} في { PLURAL($groups) ->
    [zero] لا مجموعات
    [one] مجموعة واحدة
    [two] مجموعتين
    [few] { $groups } مجموعات
    [many] { $groups } مجموعة
   *[other] { $groups } مجموعة
}
desk-edition-groups-hint = يرى القرّاء المجموعات بهذا الترتيب، لكلٍّ منها عنوانها ومقدمتها (تُكتب مع نصوص كل لغة أدناه). القصص التي تُضاف إلى العدد تنضم إلى المجموعة الأخيرة.
desk-edition-group-is-lettered = مرقّمة بالحروف
desk-edition-group-empty = لا قصص في هذه المجموعة بعد. انقل إليها قصصًا بزر «انقل إلى مجموعة».
desk-edition-group-up = ارفع المجموعة
desk-edition-group-down = أنزل المجموعة
desk-edition-group-letter = رقّم قصصها بالحروف
desk-edition-group-unletter = أوقف الترقيم بالحروف
desk-edition-group-remove = أزل المجموعة
desk-edition-group-remove-hint = إزالة مجموعة تُبقي قصصها: تنضم إلى آخر المجموعة التي قبلها (وقصص المجموعة الأولى تنضم إلى أول المجموعة التالية). وتُحذف معها عناوين المجموعة ومقدماتها.
desk-edition-move-to-group = انقل إلى مجموعة
desk-edition-move-to-go = انقل
desk-edition-arrange = رتّب القصص في مجموعات
desk-edition-arrange-hint = توضع كل القصص في مجموعة أولى؛ ثم أضف مجموعات أخرى وانقل القصص إليها.
desk-edition-add-group = أضف مجموعة
desk-edition-add-group-hint = تبدأ المجموعة الجديدة فارغة، بعد المجموعات الأخرى.
desk-edition-add-group-go = أضف المجموعة
desk-edition-group-key = مفتاح المجموعة
desk-edition-group-key-hint = حروف لاتينية صغيرة وأرقام وشرطات، مثل programme. المفتاح يسمّي المجموعة نهائيًا: المفتاح الخاطئ لا يُعدَّل، بل تُزال المجموعة.
desk-edition-group-lettered = رقّم قصصها بالحروف (أ، ب، ج…)
desk-edition-ungroup = عودة إلى قائمة واحدة
desk-edition-ungroup-hint = تبقى القصص بترتيبها؛ وتُحذف المجموعات مع عناوينها ومقدماتها.
desk-edition-group-texts = عناوين المجموعات ومقدماتها
desk-edition-group-heading = عنوان المجموعة { $group }
desk-edition-group-intro = مقدمة المجموعة { $group } (بصيغة Markdown)
desk-edition-unmet-missing_group_heading = للمجموعة «{ $group }» عنوان بلغة أخرى ولا عنوان لها باللغة { $language } بعد. اكتبه.
desk-edition-unmet-missing_group_intro = للمجموعة «{ $group }» مقدمة بلغة أخرى ولا مقدمة لها باللغة { $language } بعد. اكتبها.
desk-edition-arrangement-changed = تغيّرت قصص العدد أو مجموعاته بعد عرض هذه الصفحة، فلم يُنقل شيء. هذه هي كما هي الآن.
desk-flash-edition-grouped = رُتّبت القصص في مجموعة واحدة. أضف مجموعات أخرى وانقل القصص إليها.
desk-flash-edition-group-added = أُضيفت المجموعة فارغة بعد المجموعات الأخرى.
desk-flash-edition-group-moved = نُقلت المجموعة.
desk-flash-edition-group-lettered = صارت قصص المجموعة مرقّمة بالحروف.
desk-flash-edition-group-unlettered = لم تعد قصص المجموعة مرقّمة بالحروف.
desk-flash-edition-group-removed = أُزيلت المجموعة؛ انضمت قصصها إلى المجموعة المجاورة.
desk-flash-edition-ungrouped = عادت القصص قائمة واحدة.
