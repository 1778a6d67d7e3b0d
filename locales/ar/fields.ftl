# سبب رفض حقل واحد: field-<code>.

field-invalid-email = أدخل عنوان بريد إلكتروني صالحًا.
field-value-required = لا يجوز أن يكون هذا الحقل فارغًا.
field-control-characters = لا يُسمح هنا بمحارف التحكم (علامات الجدولة وفواصل الأسطر).
field-display-name-too-long = { $limit } حرفًا على الأكثر.
field-password-too-short = يجب أن تتكون كلمة المرور من { $limit } حرفًا على الأقل.
field-password-too-long = يجب ألا تتجاوز كلمة المرور { $limit } بايت.
field-roles-required = حدِّد دورًا واحدًا على الأقل: admin أو editor أو reviewer.
field-unknown-locale = هذه اللغة غير مُعدّة.
field-page-out-of-range = ترقيم الصفحات يبدأ من 1.
field-per-page-out-of-range = بين 1 و{ $limit } عنصرًا في الصفحة.
field-invalid-slug = استعمل حروفًا لاتينية صغيرة وأرقامًا وشرطات مفردة، { $limit } حرفًا على الأكثر.
field-text-too-long = { $limit } حرفًا على الأكثر.
field-body-too-long = { $limit } بايت على الأكثر.
field-invalid-text = يجب أن يكون هذا نصًا عاديًا بترميز UTF-8.
field-invalid-link = أدخل عنوان ويب يبدأ بـ https://‎ أو http://‎.
field-too-many-images = { $limit } صورة على الأكثر.
field-alt-required = تحتاج كل صورة إلى نص بديل للقرّاء الذين لا يرونها.
field-unknown-media = لا توجد صورة مرفوعة بهذا المعرّف.
field-comment-required = اذكر ما يجب تعديله.
field-publish-at-only-for-publish = وقت النشر يُرسل مع إجراء النشر فقط.
field-edition-number-invalid = أرقام الأعداد تبدأ من 1.
field-duplicate-story = لا يجوز أن تظهر القصة أكثر من مرة في العدد.
field-unknown-story = لا توجد قصة بهذا المعرّف.
field-unknown-status = لا يمكن تعيين هذه الحالة هنا.
field-image-too-many-pixels = يجوز أن تحوي الصورة { $limit } بكسل على الأكثر (العرض × الارتفاع).
field-too-many-fields = { $limit } حقلًا على الأكثر في النموذج.
field-invalid-date-time = أدخل تاريخًا ووقتًا موجودين في منطقتك الزمنية.
field-unknown-time-zone = اختر منطقة زمنية من القائمة، مثل Asia/Amman أو Europe/London.
field-wrong-code = هذا الرمز غير صحيح. تحقّق من الوقت على هاتفك وأدخل الرمز الظاهر الآن.
field-no-enrolment = ابدأ الإعداد أولًا؛ لا يوجد سرّ يُقارَن به هذا الرمز.
field-wrong-password = هذه ليست كلمة مرورك الحالية.
field-too-many-groups = { $limit } مجموعة على الأكثر.
field-duplicate-group = لا يجوز أن تحمل مجموعتان المفتاح نفسه.
field-unknown-group = لا توجد في هذا العدد مجموعة بهذا المفتاح.
field-groups-or-story-ids = أرسل القصص إما قائمةً واحدة وإما في مجموعات، لا الاثنين معًا.
field-invalid-rfc3339 = اكتب التاريخ والوقت بصيغة RFC 3339 مع فارق التوقيت، مثل 2026-06-01T08:00:00Z أو 2026-06-01T11:00:00+03:00.
field-send-at-past = مضى هذا الوقت. اختر وقتًا لاحقًا، أو أرسل الآن.
field-send-at-too-far = { PLURAL($limit) ->
    [zero] لا يمكن جدولة الإرسال مقدّمًا.
    [one] لا يمكن جدولة الإرسال لأبعد من يوم واحد من الآن.
    [two] لا يمكن جدولة الإرسال لأبعد من يومين من الآن.
    [few] لا يمكن جدولة الإرسال لأبعد من { $limit } أيام من الآن.
    [many] لا يمكن جدولة الإرسال لأبعد من { $limit } يومًا من الآن.
   *[other] لا يمكن جدولة الإرسال لأبعد من { $limit } يوم من الآن.
}
