# ردود المشكلات في واجهة البرمجة. قيمة كل رسالة عنوان المشكلة، و‎.detail شرحها.
# ما بعد "problem-" هو الرمز الثابت الذي يراه العملاء.

problem-unauthorized = يلزم تسجيل الدخول
    .detail = أرسل رمز وصول صالحًا في ترويسة Authorization ‏(Bearer).
problem-invalid-credentials = البريد الإلكتروني أو كلمة المرور غير صحيحة
    .detail = عنوان البريد الإلكتروني أو كلمة المرور غير صحيح.
problem-invalid-refresh-token = رمز التحديث غير صالح
    .detail = رمز التحديث هذا غير معروف أو منتهي الصلاحية أو ملغى أو مستعمل من قبل. سجّل الدخول من جديد.
problem-account-disabled = الحساب معطّل
    .detail = تم تعطيل هذا الحساب. راجع أحد المشرفين.
problem-forbidden = غير مسموح
    .detail = أدوارك لا تسمح بهذا الإجراء.
problem-not-found = غير موجود
    .detail = لا يوجد شيء بهذا المعرّف.
problem-route-not-found = لا يوجد عنوان كهذا
    .detail = لا توجد صفحة ولا نقطة وصول في هذا العنوان.
problem-method-not-allowed = الطريقة غير مسموحة
    .detail = هذا العنوان لا يقبل طريقة HTTP هذه.
problem-malformed-json = JSON غير سليم
    .detail = متن الطلب ليس JSON صالحًا.
problem-invalid-body = متن طلب غير متوقع
    .detail = صيغة JSON سليمة لكنها لا تطابق ما تتوقعه نقطة الوصول هذه: حقل ناقص أو غير معروف أو من نوع خاطئ.
problem-invalid-query = معاملات استعلام غير صالحة
    .detail = أحد معاملات الاستعلام ناقص أو من نوع خاطئ.
problem-unsupported-media-type = نوع محتوى غير مدعوم
    .detail = أرسل المتن بصيغة application/json.
problem-payload-too-large = متن الطلب كبير جدًا
    .detail = الحد الأقصى للمتن { $limit } بايت.
problem-validation-failed = مدخلات غير صالحة
    .detail = { PLURAL($count) ->
        [zero] لا توجد حقول غير صالحة.
        [one] حقل واحد غير صالح.
        [two] حقلان غير صالحين.
        [few] { $count } حقول غير صالحة.
        [many] { $count } حقلًا غير صالح.
       *[other] { $count } حقل غير صالح.
    }
problem-email-taken = عنوان البريد الإلكتروني مستعمل
    .detail = هناك حساب آخر يستعمل عنوان البريد الإلكتروني هذا.
problem-last-admin = يجب أن يبقى آخر مشرف
    .detail = هذا التغيير لن يُبقي أي مشرف مفعَّل.
problem-rate-limited = محاولات كثيرة جدًا
    .detail = { PLURAL($seconds) ->
        [zero] حاول مرة أخرى الآن.
        [one] حاول مرة أخرى بعد ثانية واحدة.
        [two] حاول مرة أخرى بعد ثانيتين.
        [few] حاول مرة أخرى بعد { $seconds } ثوانٍ.
        [many] حاول مرة أخرى بعد { $seconds } ثانية.
       *[other] حاول مرة أخرى بعد { $seconds } ثانية.
    }
problem-service-unavailable = الخدمة غير متاحة
    .detail = تعذّر الوصول إلى قاعدة البيانات الآن. حاول بعد قليل.
problem-internal-error = خطأ داخلي
    .detail = حدث خطأ من جهتنا، وقد سُجّل.
problem-bad-request = طلب غير صالح
    .detail = تعذّر فهم الطلب.
