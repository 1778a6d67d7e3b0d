# الرسائل إلى المشتركين، والصفحات التي تفتحها روابطها.

email-edition-subject = { $name } · العدد { $number }: { $title }
email-view-in-browser = اعرض هذا العدد في المتصفح
email-why = تصلك هذه الرسالة لأنك اشتركت في { $name }.
email-unsubscribe = إلغاء الاشتراك
email-confirm-subject = أكّد اشتراكك في { $name }
email-confirm-intro = يرجى تأكيد رغبتك في تلقي { $name } بالبريد الإلكتروني.
email-confirm-button = أكّد اشتراكي
email-confirm-ignore = إن لم تطلب ذلك فتجاهل هذه الرسالة، ولن تصلك منا رسائل أخرى.

subscription-confirm-title = تأكيد الاشتراك
subscription-confirm-body = هل تريد تلقي هذه النشرة بالبريد الإلكتروني على { $email }؟
subscription-confirm-button = أكّد الاشتراك
subscription-confirmed-title = تم اشتراكك
subscription-confirmed-body = شكرًا لك. سيصل العدد القادم إلى بريدك.
subscription-invalid-title = هذا الرابط لا يعمل
subscription-invalid-body = الرابط ناقص أو انتهت صلاحيته أو لم يعد صالحًا. انسخ العنوان كاملًا من الرسالة، أو اشترك من جديد.
unsubscribe-title = إلغاء الاشتراك
unsubscribe-body = هل تريد التوقف عن تلقي هذه النشرة بالبريد الإلكتروني على { $email }؟
unsubscribe-button = ألغِ الاشتراك
unsubscribe-done-title = أُلغي اشتراكك
unsubscribe-done-body = لن تصلك أعداد أخرى بالبريد الإلكتروني. يمكنك الاشتراك من جديد في أي وقت.
subscribe-accepted = شكرًا لك. إن لم يكن هذا العنوان مشتركًا بعد، فرسالة تطلب منك التأكيد في طريقها إليك.
