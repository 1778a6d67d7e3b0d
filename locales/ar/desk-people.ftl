# المكتب: الأشخاص — المستخدمون وأدوارهم (للمشرفين)، وحساب كل شخص.

desk-users-title = المستخدمون
desk-users-caption = { $count ->
    [zero] لا حسابات
    [one] حساب واحد
    [two] حسابان
    [few] { $count } حسابات
    [many] { $count } حسابًا
   *[other] { $count } حساب
}
desk-users-add = إضافة مستخدم
desk-users-add-submit = أضف المستخدم
desk-users-name = الاسم
desk-users-roles = الأدوار
desk-users-language = اللغة
desk-users-time-zone = المنطقة الزمنية
desk-users-state = الدخول
desk-users-second-factor = عامل التحقق الثاني
desk-users-enabled = مفعَّل
desk-users-disabled = معطَّل
desk-users-factor-on = مفعَّل
desk-users-factor-off = غير مفعَّل
desk-users-role-admin = مشرف
desk-users-role-editor = محرر
desk-users-role-reviewer = مراجع
desk-users-initial-password = كلمة المرور الأولى
desk-users-initial-password-hint = ‏12 حرفًا على الأقل. أوصلها إلى صاحبها بطريقة آمنة؛ ويمكنه تغييرها من صفحة حسابه.
desk-users-policy = عامل التحقق الثاني للمشرفين
desk-users-policy-admins = على كل مشرف استعمال عامل تحقق ثانٍ
desk-users-policy-hint = المشرف الذي لا يملكه يُنقل إلى صفحة حسابه لإعداده، ولا يستطيع فتح غيرها حتى يُتمّه.
desk-users-policy-save = احفظ القاعدة
desk-users-back = العودة إلى كل المستخدمين
desk-users-disable-hint = لا يستطيع الشخص المعطَّل تسجيل الدخول، ويُسجَّل خروجه من كل مكان فورًا.
desk-users-save = احفظ التغييرات

desk-account-title = حسابك
desk-account-profile = الاسم واللغة والمنطقة الزمنية
desk-account-time-zone-hint = تظهر التواريخ والأوقات في المكتب بحسب هذه المنطقة، مثل Asia/Amman.
desk-account-save = احفظ
desk-account-password = كلمة المرور
desk-account-current-password = كلمة المرور الحالية
desk-account-new-password = كلمة المرور الجديدة
desk-account-new-password-hint = ‏12 حرفًا على الأقل. تغييرها يُخرجك من كل مكان، ومن هنا أيضًا.
desk-account-password-submit = غيّر كلمة المرور
desk-account-factor = عامل التحقق الثاني
desk-account-factor-why = مع عامل التحقق الثاني يحتاج تسجيل الدخول إلى رمز من تطبيق على هاتفك إضافة إلى كلمة المرور.
desk-account-factor-required = تشترط غرفة الأخبار هذه عامل تحقق ثانيًا لكل مشرف. أعِدّه أدناه لتستعمل بقية المكتب.
desk-account-enrol = أعِدّ عامل تحقق ثانيًا
desk-account-enrol-scan = امسح هذا الرمز بتطبيق مصادقة (مثل Aegis أو FreeOTP أو Google Authenticator).
desk-account-qr = رمز QR لتطبيق المصادقة
desk-account-enrol-type = أو اكتب هذا المفتاح في التطبيق
desk-account-enrol-confirm = الرمز ذو الأرقام الستة الظاهر في التطبيق الآن
desk-account-enrol-submit = فعِّل عامل التحقق الثاني
desk-account-enrol-cancel = ألغِ الإعداد
desk-account-codes-left = { $count ->
    [zero] لم يبقَ أي رمز استرداد.
    [one] بقي رمز استرداد واحد.
    [two] بقي رمزا استرداد.
    [few] بقيت { $count } رموز استرداد.
    [many] بقي { $count } رمزًا للاسترداد.
   *[other] بقي { $count } رمز استرداد.
}
desk-account-disable-hint = لإيقافه أدخل رمزًا حاليًا من التطبيق، أو كلمة مرورك.
desk-account-code = الرمز من التطبيق، أو رمز استرداد
desk-account-or-password = أو كلمة مرورك
desk-account-disable = أوقف عامل التحقق الثاني
desk-account-codes-title = رموز الاسترداد الخاصة بك
desk-account-codes-done = عامل التحقق الثاني مفعَّل.
desk-account-codes-once = إن فقدت هاتفك، فكل رمز من هذه الرموز يُدخلك مرة واحدة بدل رمز التطبيق. احفظها في مكان آمن: فهي لا تظهر إلا الآن.
desk-account-codes-kept = حفظتُها

desk-second-step-title = أدخل رمزك
desk-second-step-hint = ستة أرقام من تطبيق المصادقة، أو أحد رموز الاسترداد.
desk-second-step-submit = تابِع
desk-second-step-restart = ابدأ من جديد

desk-flash-user-added = أُضيف المستخدم، ويمكنه تسجيل الدخول الآن.
desk-flash-user-changed = حُفظت التغييرات.
desk-flash-totp-required-on = صار على كل مشرف استعمال عامل تحقق ثانٍ.
desk-flash-totp-required-off = لم يعد المشرفون بحاجة إلى عامل تحقق ثانٍ.
desk-flash-totp-required = أعِدّ عامل تحقق ثانيًا أولًا: تشترطه غرفة الأخبار هذه على كل مشرف.
desk-flash-account-saved = حُفظ حسابك.
desk-flash-password-changed = غُيّرت كلمة مرورك وسُجّل خروجك من كل مكان. سجّل الدخول بكلمة المرور الجديدة.
desk-flash-totp-started = امسح الرمز أو اكتب المفتاح، ثم أدخل الرمز الأول لإتمام الإعداد.
desk-flash-totp-cancelled = أُلغي الإعداد.
desk-flash-totp-disabled = أُوقف عامل التحقق الثاني.
desk-flash-second-step-expired = استغرق تسجيل الدخول وقتًا طويلًا. أدخل بريدك الإلكتروني وكلمة المرور من جديد.
