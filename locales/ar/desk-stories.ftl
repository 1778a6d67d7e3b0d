# المكتب: القصص — القائمة والمحرر وسير العمل والمراجعات.

## القائمة

desk-stories-search = البحث في العناوين
desk-stories-status = الحالة
desk-stories-any = أيّ حالة
desk-stories-locale = اللغة
desk-stories-any-language = أيّ لغة
desk-stories-section = القسم
desk-stories-edition = العدد
desk-stories-author = كتبها
desk-stories-anyone = أيّ شخص
desk-stories-outdated = الترجمات المتأخرة عن الأصل فقط
desk-stories-waiting = ما ينتظر مراجعتي فقط
desk-stories-filter = اعرض
desk-stories-clear = امسح عوامل التصفية
desk-stories-count = { $count ->
    [zero] لا توجد قصص
    [one] قصة واحدة
    [two] قصتان
    [few] { $count } قصص
    [many] { $count } قصة
   *[other] { $count } قصة
}
desk-stories-title = العنوان
desk-stories-languages = اللغات
desk-stories-updated = آخر تغيير
desk-stories-no-text = لا نص بعد
desk-stories-pages = الصفحات
desk-stories-previous = الصفحة السابقة
desk-stories-next = الصفحة التالية
desk-stories-page = الصفحة { $page } من { $pages }
desk-stories-none-match = لا توجد قصة تطابق عوامل التصفية هذه. امسح أحدها أو ابحث بكلمات أخرى.
desk-stories-none = لا توجد قصص بعد. ابدأ أولاها في الأسفل.
desk-stories-slug = المعرّف (عنوان القصة على الموقع)
desk-stories-slug-hint = حروف لاتينية صغيرة وأرقام وشرطات، مثل new-well-hamdaniya.
desk-stories-create = أنشئ القصة وافتحها

## المحرر

desk-story-slug-line = العنوان على الموقع: { $slug } · القسم: { $section }
desk-story-no-text = لا نص بعد
desk-story-state-none = لا يوجد نص بهذه اللغة بعد.
desk-story-state-draft = مسودة، آخر من غيّرها { $name } في { $when }.
desk-story-state-in_review = بانتظار مراجع منذ { $when }.
desk-story-state-changes_requested = طلب { $name } تعديلات:
desk-story-state-approved = وافق عليها { $name } في { $when }.
desk-story-state-scheduled = موافق عليها ومجدولة للنشر في { $when }.
desk-story-state-published = نُشرت في { $when }؛ يراها القرّاء.
desk-story-state-published_changed = نُشرت في { $when }؛ وهناك نص أحدث لم يُنشر بعد.
desk-story-next-write = اكتب النص الأول في الأسفل.
desk-story-next-edit = يمكنك تحرير النص في الأسفل.
desk-story-next-none = لا شيء عليك فعله هنا الآن.
desk-story-next-submit = أرسلها للمراجعة حين تصبح جاهزة.
desk-story-next-approve = اقرأها، ثم وافق عليها أو اطلب تعديلات.
desk-story-next-publish = يمكن نشرها الآن أو في وقت تختاره.
desk-story-preview = معاينة كما سيراها القرّاء
desk-story-conflict = حفظ شخص آخر هذا النص بينما كنت تحرّره. نصك محفوظ في الأسفل؛ قارن، ثم احفظ مجددًا لتستبدل نصه.
desk-story-conflict-title = حفظ { $name } نصًا أحدث في الأثناء
desk-story-conflict-help = نصك في النموذج أدناه كما كتبته. حفظه الآن يستبدل النص الآخر؛ يمكنك النسخ منه أولًا.
desk-story-conflict-theirs = النص الآخر المحفوظ
desk-story-conflict-diff = من النص المحفوظ إلى نصك
desk-story-outdated-title = متأخرة: تغيّر النص بلغة { $source }
desk-story-outdated-help = تُرجمت هذه النسخة من المراجعة { $from } للأصل، والأصل الآن في المراجعة { $to }. ما تغيّر هناك:
desk-story-confirm = أؤكد أنها ما زالت مطابقة
desk-story-live-changes = التغييرات منذ النسخة المنشورة
desk-story-live-same = النص مطابق للنسخة المنشورة.
desk-story-field-title = العنوان
desk-story-field-summary = الملخص
desk-story-field-body = المتن
desk-story-field-link = رابط «اقرأ المزيد»
desk-story-field-images = الصور
desk-story-body-hint = ماركداون: **عريض**، [رابط](https://…)، «- » للقائمة، «> » للاقتباس.
desk-story-toolbar = التنسيق
desk-story-tool-bold = عريض
desk-story-tool-link = رابط
desk-story-tool-list = قائمة
desk-story-tool-quote = اقتباس
desk-story-image-credit = حقوق الصورة:
desk-story-image-alt = النص البديل
desk-story-image-caption = التعليق
desk-story-image-remove = أزل هذه الصورة
desk-story-image-add = أضف صورة من المكتبة
desk-story-image-none = بلا صورة
desk-story-save = احفظ
desk-story-save-over = احفظ نصي بدلًا من نصه
desk-story-workflow = سير العمل
desk-story-own-revision = أنت كاتب هذه المراجعة، لذا يوافق عليها مراجع آخر.
desk-story-action-submit = أرسل للمراجعة
desk-story-action-withdraw = اسحب من المراجعة
desk-story-action-approve = وافق
desk-story-action-request_changes = اطلب تعديلات
desk-story-action-publish = انشر الآن
desk-story-action-unpublish = ألغِ النشر
desk-story-comment = ما الذي يجب تعديله (مطلوب)
desk-story-send-request = أرسل الطلب
desk-story-publish-at = النشر في (التاريخ والوقت، { $zone })
desk-story-schedule = جدوِل
desk-story-stale = غيّر شخص آخر هذا النص منذ فتحت الصفحة، ولم يُنفَّذ شيء. انظر إليه مجددًا ثم أعد المحاولة.
desk-story-revisions = المراجعات
desk-story-revision = المراجعة { $number }
desk-story-rev-latest = الأحدث
desk-story-rev-live = المنشورة
desk-story-rev-restored = (مستعادة من { $number })
desk-story-rev-changes = ما الذي تغيّر
desk-story-restore = استعد المراجعة { $number }
desk-story-compare-from = من المراجعة
desk-story-compare-to = إلى المراجعة
desk-story-compare = قارن
desk-story-compare-title = المراجعتان { $from } و{ $to }
desk-story-compare-same = هاتان المراجعتان متطابقتان.
desk-story-back = العودة إلى القصة
desk-story-unchanged = { $count ->
    [zero] لا فقرات دون تغيير
    [one] فقرة واحدة دون تغيير
    [two] فقرتان دون تغيير
    [few] { $count } فقرات دون تغيير
    [many] { $count } فقرة دون تغيير
   *[other] { $count } فقرة دون تغيير
}
desk-story-diff-too-large = النص أطول من أن يُقارن كلمة بكلمة؛ يظهر النصان كاملين.
desk-story-diff-before = قبل:
desk-story-diff-after = بعد:

## السجل

desk-story-timeline = السجل
desk-story-timeline-empty = لم يحدث شيء لهذه القصة بعد.
desk-story-scheduler = المُجدوِل
desk-story-event-create = كتب { $name } النص الأول (المراجعة { $number }).
desk-story-event-edit = حفظ { $name } المراجعة { $number }.
desk-story-event-restore = استعاد { $name } نصًا أقدم بوصفه المراجعة { $number }.
desk-story-event-confirm = أكّد { $name } أنها مطابقة لأصلها.
desk-story-event-schedule = جدوَل { $name } نشرها.
desk-story-event-import = استوردها { $name }.
desk-story-event-submit = أرسلها { $name } للمراجعة.
desk-story-event-withdraw = سحبها { $name } من المراجعة.
desk-story-event-approve = وافق عليها { $name }.
desk-story-event-request_changes = طلب { $name } تعديلات.
desk-story-event-publish = نشرها { $name }.
desk-story-event-unpublish = ألغى { $name } نشرها.

## رسائل بعد إجراء

desk-flash-story-created = أُنشئت القصة. اكتب نصها الأول.
desk-flash-story-saved = حُفظ.
desk-flash-story-submit = أُرسلت للمراجعة.
desk-flash-story-withdraw = سُحبت من المراجعة وعادت مسودة.
desk-flash-story-approve = تمت الموافقة.
desk-flash-story-request_changes = أُرسل طلب التعديلات.
desk-flash-story-publish = نُشرت: يراها القرّاء الآن.
desk-flash-story-unpublish = أُلغي النشر: لم يعد القرّاء يرونها.
desk-flash-story-scheduled = جُدولت للنشر.
desk-flash-story-confirmed = تأكدت مطابقتها لأصلها.
desk-flash-story-restored = استُعيد النص الأقدم بوصفه مراجعة جديدة.
