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
