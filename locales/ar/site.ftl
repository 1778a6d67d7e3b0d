# كلمات الموقع العام نفسه (إطار الصفحات). المحتوى يأتي من المحررين.

site-default-name = النشرة
site-skip = انتقل إلى المحتوى
site-navigation = الموقع
site-home = العدد الأخير
site-archive = الأرشيف
site-archive-title = كل الأعداد
site-feed = موجز Atom
site-edition-number = العدد { $number }
site-published = نُشر في { $date }
site-foreword = الافتتاحية
site-in-this-edition = في هذا العدد
site-stories-count = { PLURAL($count) ->
    [zero] لا قصص
    [one] قصة واحدة
    [two] قصتان
    [few] { $count } قصص
    [many] { $count } قصة
   *[other] { $count } قصة
}
site-read-more = اقرأ المزيد
site-read-longer = اقرأ القصة كاملة على موقعنا
site-photo-credit = تصوير: { $credit }
site-no-edition = لم يُنشر أي عدد بعد.
# A story's place in its edition's groups (SPEC §12), under the edition's name on its page.
site-story-in-group-item = البند { $label } من «{ $group }»
site-story-in-group = ضمن «{ $group }»
