# المكتب: واجهة التحرير على الويب.

desk-name = المكتب
desk-skip = انتقل إلى المحتوى
desk-menu = القائمة
desk-sections = أقسام المكتب
desk-sign-out = خروج
desk-back-to-start = العودة إلى الصفحة الأولى

desk-nav-start = البداية
desk-nav-stories = القصص
desk-nav-editions = الأعداد
desk-nav-media = الوسائط
desk-nav-subscribers = المشتركون
desk-nav-users = المستخدمون
desk-nav-account = الحساب

## الدخول

desk-sign-in-title = الدخول إلى المكتب
desk-sign-in = دخول
desk-email = البريد الإلكتروني
desk-password = كلمة المرور

## رسائل بعد كل إجراء

desk-flash-signed-out = خرجت من المكتب.
desk-flash-language-changed = صار المكتب يخاطبك بالعربية.

## صفحات الأخطاء

desk-error-forbidden = ليست لدورك
    .detail = أدوار حسابك لا تفتح هذه الصفحة. يستطيع المشرف تغييرها.
desk-error-not-found = لا توجد صفحة كهذه
    .detail = لا شيء في المكتب على هذا العنوان. ربما حُذف.
desk-error-csrf = انتهت صلاحية هذا النموذج
    .detail = الصفحة التي أرسلته منها قديمة أو من موقع آخر، ولم يتغير شيء. ارجع وأعد تحميل الصفحة ثم أرسله من جديد.
desk-error-bad-request = تعذرت قراءة هذا النموذج
    .detail = لم يتغير شيء. أعد تحميل الصفحة وحاول مرة أخرى.
desk-error-internal = حدث خطأ من جهتنا
    .detail = لست سبب هذا. حاول بعد قليل، وإن تكرر فأخبر المشرف.

## حالات القصص

desk-status-draft = مسودة
desk-status-in_review = قيد المراجعة
desk-status-changes_requested = طُلبت تعديلات
desk-status-approved = مُعتمدة
desk-status-published = منشورة
desk-outdated = متأخرة عن الأصل

## الصفحة الأولى

desk-start-greeting = أهلًا { $name }
desk-story-new = قصة جديدة
desk-see-all = عرض الكل ({ $count })
desk-start-review = { $count ->
    [zero] بانتظار مراجعتك
    [one] قصة واحدة بانتظار مراجعتك
    [two] قصتان بانتظار مراجعتك
    [few] { $count } قصص بانتظار مراجعتك
    [many] { $count } قصة بانتظار مراجعتك
   *[other] { $count } قصة بانتظار مراجعتك
}
desk-start-review-empty = لا شيء بانتظار مراجعتك.
desk-start-changes = { $count ->
    [zero] تعديلات مطلوبة منك
    [one] طُلبت تعديلات في قصة واحدة من قصصك
    [two] طُلبت تعديلات في قصتين من قصصك
    [few] طُلبت تعديلات في { $count } قصص من قصصك
    [many] طُلبت تعديلات في { $count } قصة من قصصك
   *[other] طُلبت تعديلات في { $count } قصة من قصصك
}
desk-start-changes-empty = لم يطلب منك أي مراجع تعديلات.
desk-start-drafts = { $count ->
    [zero] مسوداتك
    [one] مسودة واحدة لك
    [two] مسودتان لك
    [few] { $count } مسودات لك
    [many] { $count } مسودة لك
   *[other] { $count } مسودة لك
}
desk-start-drafts-empty = ليست لديك مسودات. ابدأ قصة جديدة متى شئت.
desk-start-outdated = { $count ->
    [zero] ترجمات متأخرة عن أصلها
    [one] قصة واحدة لها ترجمة متأخرة
    [two] قصتان لهما ترجمات متأخرة
    [few] { $count } قصص لها ترجمات متأخرة
    [many] { $count } قصة لها ترجمات متأخرة
   *[other] { $count } قصة لها ترجمات متأخرة
}
desk-start-outdated-empty = كل الترجمات مواكبة لأصلها.
desk-start-scheduled = { $count ->
    [zero] المجدول قريبًا
    [one] ترجمة واحدة مجدولة
    [two] ترجمتان مجدولتان
    [few] { $count } ترجمات مجدولة
    [many] { $count } ترجمة مجدولة
   *[other] { $count } ترجمة مجدولة
}
desk-start-scheduled-empty = لا شيء مجدول للنشر.
