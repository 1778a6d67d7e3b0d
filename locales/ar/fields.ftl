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
