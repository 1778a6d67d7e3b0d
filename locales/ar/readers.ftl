# طريق القارئ: نموذج الاشتراك، وصفحة التفضيلات التي تربط إليها الرسائل، والصفحات التي
# يتلقاها المتصفح لعنوان لا يعرض شيئًا.

# في كل رسالة عدد، رابط إلى العدد نفسه بلغة أخرى. يكتبه ملف كل لغة بلغته: الرسالة
# الإنجليزية تربط إلى العربية بالكلمات العربية.
email-read-in-language = اقرأ هذا العدد بالعربية
email-preferences = إدارة اشتراكك

subscribe-form-title = تلقَّ النشرة بالبريد الإلكتروني
subscribe-form-intro = كل عدد جديد في بريدك، باللغة التي تختارها. نرسل إليك أولًا رسالة لتأكيد العنوان.
subscribe-form-email = عنوان البريد الإلكتروني
subscribe-form-language = اللغة
subscribe-form-trap = اترك هذا الحقل فارغًا
subscribe-form-button = اشترك
subscribe-form-invalid-email = هذا ليس عنوان بريد يمكننا الكتابة إليه. تحقّق منه وحاول مجددًا.
subscribe-sent-title = تفقّد بريدك
subscribe-sent-home = العودة إلى العدد الأخير

preferences-title = اشتراكك
preferences-address = عنوان البريد الإلكتروني: { $email }
preferences-status-confirmed = تصلك { $name } بالبريد الإلكتروني بلغة: { $language }.
preferences-status-pending = هذا العنوان بانتظار التأكيد، ولا يُرسل إليه شيء بعد.
preferences-status-unsubscribed = ألغيت اشتراكك، فلا تُرسل أعداد إلى هذا العنوان.
preferences-status-bounced = تعذّر إيصال البريد إلى هذا العنوان، فتوقف الإرسال إليه. راسلنا إن أردت إعادته إلى القائمة.
preferences-language-title = اللغة
preferences-language-label = لغة النشرة
preferences-language-button = احفظ اللغة
preferences-language-saved = حُفظت: ابتداءً من العدد القادم تصلك النشرة بلغة: { $language }.
preferences-language-unknown = اختر إحدى اللغات في القائمة.
preferences-unsubscribe-title = أوقف النشرة
preferences-unsubscribe-intro = لن تُرسل أعداد أخرى إلى هذا العنوان. يمكنك العودة من هذه الصفحة في أي وقت.
preferences-unsubscribe-button = ألغِ الاشتراك
preferences-unsubscribed = أُلغي اشتراكك. لن تُرسل أعداد أخرى إلى هذا العنوان.
preferences-resubscribe-title = تلقَّ النشرة من جديد
preferences-resubscribe-intro = تعود الأعداد إلى هذا العنوان ابتداءً من العدد القادم، دون رسالة تأكيد: فهذا الرابط وصلك على هذا العنوان.
preferences-resubscribe-button = اشترك من جديد
preferences-resubscribed = أهلًا بعودتك: سيصل العدد القادم إلى هذا العنوان.
preferences-erase-title = احذف بياناتي
preferences-erase-intro = يحذف هذا العنوان وسجل كل عدد أُرسل إليه، ولا تحتفظ تقاريرنا إلا بالأرقام. لا يمكن التراجع عن ذلك، وستتوقف الروابط في الرسائل السابقة عن العمل.
preferences-erase-confirm = نعم، احذف عنواني وسجله
preferences-erase-button = احذف بياناتي
preferences-erase-unconfirmed = ضع علامة في المربع لتأكيد حذف بياناتك.
preferences-erased-title = حُذفت بياناتك
preferences-erased-body = لم نعد نحتفظ بهذا العنوان ولا بسجل ما أُرسل إليه. يمكنك الاشتراك من جديد في أي وقت من الموقع.

error-not-found-title = الصفحة غير موجودة
error-not-found-body = لا توجد صفحة في هذا العنوان. ربما كُتب الرابط خطأً، أو نُقلت الصفحة.
error-gone-title = لم يعد منشورًا
error-gone-body = نُشرت هذه القصة هنا من قبل، ثم سحبها المحررون من الموقع.
error-server-title = حدث خطأ من جهتنا
error-server-body = تعذّر عرض الصفحة الآن. يرجى المحاولة بعد دقائق.
error-go-home = اقرأ العدد الأخير
error-go-archive = كل الأعداد
