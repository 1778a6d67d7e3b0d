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
    .detail = قُرئ متن الطلب لكنه لا يطابق ما تتوقعه نقطة الوصول هذه: حقل ناقص أو غير معروف أو من نوع خاطئ. ويبيّن السبب أيّها.
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
problem-precondition-required = يلزم If-Match
    .detail = هذه الترجمة موجودة. أرسل قيمة ETag التي قرأتها آخر مرة في If-Match حتى لا تُمحى تعديلات أحد.
problem-precondition-failed = تغيّرت منذ قرأتها
    .detail = حفظ أحدهم نسخة أحدث منذ قرأت هذه. اقرأها من جديد ثم أعد تطبيق تعديلك.
problem-unknown-locale = لغة غير معروفة
    .detail = هذه اللغة ليست من لغات النشرة.
problem-transition-not-allowed = غير ممكن الآن
    .detail = لا يمكن { $action ->
        [save] الحفظ
        [restore] الاسترجاع
        [submit] الإرسال للمراجعة
        [withdraw] السحب
        [approve] الاعتماد
        [request_changes] طلب التعديلات
        [publish] النشر
        [unpublish] إلغاء النشر
       *[other] هذا الإجراء
    } والترجمة { $status ->
        [draft] مسودة
        [in_review] قيد المراجعة
        [changes_requested] بانتظار التعديلات
        [approved] معتمدة
        [published] منشورة
       *[other] { $status }
    }.
problem-own-revision = أنت كاتب هذه النسخة
    .detail = يجب أن يعتمد نسختك مراجعٌ آخر.
problem-edition-not-ready = العدد غير جاهز
    .detail = { PLURAL($count) ->
        [zero] لا شيء يمنع نشر هذا العدد.
        [one] ما زال أمر واحد يمنع نشر هذا العدد؛ انظر not_ready.
        [two] ما زال أمران يمنعان نشر هذا العدد؛ انظر not_ready.
        [few] ما زالت { $count } أمور تمنع نشر هذا العدد؛ انظر not_ready.
        [many] ما زال { $count } أمرًا يمنع نشر هذا العدد؛ انظر not_ready.
       *[other] ما زال { $count } أمر يمنع نشر هذا العدد؛ انظر not_ready.
    }
problem-unsupported-image = صورة غير مدعومة
    .detail = ارفع صورة JPEG أو PNG أو WebP. محتوى الملف هو الذي يحدد نوعه لا اسمه.
problem-slug-taken = المعرّف النصي مستعمل
    .detail = هناك عنصر آخر يستعمل هذا المعرّف النصي (slug). اختر غيره.
problem-edition-number-taken = رقم العدد مستعمل
    .detail = هناك عدد آخر يحمل هذا الرقم.
problem-story-in-other-edition = القصة تابعة لعدد آخر
    .detail = أزل القصة من عددها قبل إضافتها إلى هذا العدد.
problem-story-published = القصة منشورة
    .detail = ألغِ نشر كل ترجمات هذه القصة قبل حذفها.
problem-published-needs-reviewer = يجب أن يُجري مراجعٌ هذا التغيير
    .detail = القرّاء يرون هذا بالفعل. تغيير المعرّف النصي لقصة منشورة أو قسمها، أو رقم عدد منشور أو معرّفه النصي، يحتاج إلى محرر هو مراجع أيضًا، أو إلى مسؤول.
problem-source-locale = هذا هو النص المصدر
    .detail = لا يمكن أن يكون نص لغة المصدر قديمًا، فلا شيء لتأكيده.
problem-no-source-translation = لا يوجد نص مصدر
    .detail = ليس لهذه القصة نص بلغة المصدر لتواكبه.
problem-edition-not-published = العدد غير منشور
    .detail = لا يُرسل بالبريد أو يُعاين إلا عدد منشور، وباللغات التي نُشر بها فقط.
problem-smtp-failed = تعذّر الإرسال عبر خادم البريد
    .detail = رفض خادم SMTP الرسالة أو تعذّر الوصول إليه.
problem-request-timeout = انتهت مهلة الطلب
    .detail = لم يصل محتوى الطلب في الوقت المحدد. أعد المحاولة على اتصال أكثر ثباتًا.
problem-second-factor-required = يلزم عامل تحقق ثانٍ
    .detail = كلمة المرور صحيحة، لكن هذا الحساب يطلب أيضًا رمزًا من تطبيق المصادقة (أو رمز استرداد). أرسله في الحقل `totp`.
problem-invalid-second-factor = الرمز غير صحيح
    .detail = هذا الرمز غير صحيح أو استُعمل من قبل. انتظر الرمز التالي وحاول مجددًا.
problem-second-factor-on = عامل التحقق الثاني مفعَّل من قبل
    .detail = أوقف عامل التحقق الثاني الحالي قبل إعداد عامل جديد.
problem-send-already-scheduled = الإرسال مجدول من قبل
    .detail = هذا العدد مجدول للإرسال من قبل. ألغِ ذلك الإرسال أولًا، ثم أرسله الآن أو اختر وقتًا آخر.
problem-send-not-scheduled = لا يوجد إرسال مجدول
    .detail = ليس لهذا العدد إرسال مجدول لإلغائه.
problem-send-already-started = بدأ الإرسال
    .detail = حان الوقت المحدَّد وبدأ إرسال العدد، فلم يعد إلغاؤه ممكنًا.
problem-gone = لم يعد منشورًا
    .detail = نُشر هذا من قبل ثم سُحب من الموقع.
