# المكتب: library — مكتبة الوسائط والمشتركون.

## التنقل بين الصفحات، مشترك بين القائمتين

desk-library-pages = الصفحات
desk-library-previous = الصفحة السابقة
desk-library-next = الصفحة التالية
desk-library-page = الصفحة { $page } من { $pages }

## مكتبة الوسائط

desk-media-title = مكتبة الوسائط
desk-media-upload = رفع صورة
desk-media-file = ملف الصورة
desk-media-file-hint = صورة بصيغة JPEG أو PNG أو WebP لا يزيد حجمها على { $megabytes } ميغابايت.
desk-media-drop = يمكنك أيضًا إفلات الصورة على هذا النموذج.
desk-media-credit = حقوق الصورة
desk-media-credit-hint = اسم المصوّر كما سيراه القرّاء بكل لغة («تصوير: سارة علي»). اترك حقل لغةٍ فارغًا كي لا تُذكر الحقوق فيها.
desk-media-alt-note = يُكتب النص البديل والتعليق لكل لغة في كل خبر يضع الصورة.
desk-media-upload-button = ارفع
desk-media-look-only = يمكنك الاطلاع على المكتبة؛ أما رفع الصور فللمحررين والمشرفين.
desk-media-count = { $count ->
    [zero] لا صور بعد
    [one] صورة واحدة
    [two] صورتان
    [few] { $count } صور
    [many] { $count } صورة
   *[other] { $count } صورة
}
desk-media-thumb-alt = الصورة { $name }
desk-media-no-credit = بلا حقوق مذكورة
desk-media-size = الحجم
desk-media-dimensions = { $width } × { $height } بكسل، { $kilobytes } كيلوبايت
desk-media-uploaded = تاريخ الرفع
desk-media-used-in = أين تُستخدم
desk-media-story = الخبر { $id }
desk-media-only-live = في النسخة المنشورة فقط
desk-media-alt = النص البديل
desk-media-caption = التعليق
desk-media-edition = غلاف العدد { $number }
desk-media-unused = لم تُستخدم بعد في أي خبر أو عدد.
desk-media-empty = لم يُرفع شيء بعد.

desk-flash-media-uploaded = رُفعت الصورة.

## المشتركون

desk-subscribers-title = المشتركون
desk-subscribers-export = تنزيل الجميع بصيغة CSV
desk-subscribers-import-result = نتيجة الاستيراد
desk-subscribers-imported = استُورد: { $created } جديد، و{ $updated } بلغة جديدة، و{ $unchanged } موجود في القائمة من قبل.
desk-subscribers-import-refused-rows = { $count ->
    [zero] لم يُرفض أي صف:
    [one] لم يُستورد صف واحد:
    [two] لم يُستورد صفّان:
    [few] لم تُستورد { $count } صفوف:
    [many] لم يُستورد { $count } صفًّا:
   *[other] لم يُستورد { $count } صف:
}
desk-subscribers-import-row = الصف { $line }:
desk-subscribers-import-invalid-email = عنوان البريد الإلكتروني غير صالح.
desk-subscribers-import-unknown-locale = اللغة ليست من لغات هذه النشرة.
desk-subscribers-import-unknown-status = يجب أن تكون الحالة confirmed أو pending.
desk-subscribers-import-unreadable-row = تعذّرت قراءة الصف بصيغة CSV.
desk-subscribers-counts = { $count ->
    [zero] لا مشتركين بعد
    [one] مشترك واحد
    [two] مشتركان
    [few] { $count } مشتركين
    [many] { $count } مشتركًا
   *[other] { $count } مشترك
}
desk-subscribers-language = اللغة
desk-subscribers-total = المجموع
desk-subscribers-found = { $count ->
    [zero] لا يطابق البحث أي مشترك
    [one] يطابق البحث مشترك واحد
    [two] يطابق البحث مشتركان
    [few] يطابق البحث { $count } مشتركين
    [many] يطابق البحث { $count } مشتركًا
   *[other] يطابق البحث { $count } مشترك
}
desk-subscribers-search = عنوان البريد يحتوي على
desk-subscribers-any-language = كل اللغات
desk-subscribers-status = الحالة
desk-subscribers-any-status = كل الحالات
desk-subscribers-filter = اعرض
desk-subscribers-clear = اعرض الجميع
desk-subscribers-since = منذ
desk-subscribers-actions = الإجراءات
desk-subscribers-language-of = لغة { $email }
desk-subscribers-save-language = غيّر اللغة
desk-subscribers-unsubscribe = ألغِ الاشتراك
desk-subscribers-unsubscribe-who = ألغِ اشتراك { $email }
desk-subscribers-none = لا يطابق هذا البحث أي مشترك.
desk-subscribers-import = الاستيراد من ملف CSV
desk-subscribers-import-file = ملف CSV
desk-subscribers-import-hint = يسمّي الصف الأول الأعمدة: email وlocale، وstatus إن شئت (confirmed وهي الافتراضية، أو pending فتُرسل رسالة تأكيد). احفظ الملف بصيغة CSV UTF-8. العناوين الموجودة في القائمة تأخذ اللغة الواردة في الملف.
desk-subscribers-import-button = استورد

desk-subscriber-status-pending = بانتظار التأكيد
desk-subscriber-status-confirmed = مؤكَّد
desk-subscriber-status-unsubscribed = ألغى الاشتراك
desk-subscriber-status-bounced = مرتدّ

desk-flash-subscriber-changed = تغيّرت لغة المشترك.
desk-flash-subscriber-unsubscribed = أُلغي اشتراك المشترك.

desk-media-save-credit = احفظ الحقوق
desk-flash-media-credit-changed = تغيّرت حقوق الصورة.
desk-media-variants = المقاسات المعدّة للقرّاء
desk-media-variant-widths = بعرض { $widths } بكسل
desk-media-no-variants = بحجمها المرفوع فقط
