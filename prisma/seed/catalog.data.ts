/**
 * The demo service catalog: categories, subcategories, the services providers list under them,
 * typical request texts (Arabic and English) and portfolio captions. Prices in riyals here;
 * the seed modules store halalas.
 */
import type { PriceUnit } from "@prisma/client";

/** A typical request text in both languages. */
export interface RequestTemplate {
  titleAr: string;
  descAr: string;
  titleEn: string;
  descEn: string;
}

/** A demo subcategory with its service, price range, request texts and portfolio caption. */
export interface SubcategorySeed {
  slug: string;
  nameAr: string;
  nameEn: string;
  icon: string;
  /** the service a provider lists here */
  serviceAr: string;
  serviceEn: string;
  unit: PriceUnit;
  /** typical job price range in SAR */
  price: readonly [number, number];
  requests: readonly RequestTemplate[];
  portfolioAr: string;
  portfolioEn: string;
}

/** A demo category with its subcategories. */
export interface CategorySeed {
  slug: string;
  nameAr: string;
  nameEn: string;
  icon: string;
  subcategories: readonly SubcategorySeed[];
}

/** The six demo categories. */
export const CATEGORIES: readonly CategorySeed[] = [
  {
    slug: "home-maintenance", nameAr: "صيانة المنازل", nameEn: "Home Maintenance", icon: "wrench",
    subcategories: [
      {
        slug: "plumbing", nameAr: "سباكة", nameEn: "Plumbing", icon: "droplet",
        serviceAr: "كشف تسربات وإصلاح السباكة", serviceEn: "Leak detection and plumbing repairs", unit: "per_visit", price: [150, 900],
        requests: [
          { titleAr: "تسريب مياه تحت مغسلة المطبخ", descAr: "يوجد تسريب مستمر تحت مغسلة المطبخ والخشب بدأ يتلف، أحتاج سباك يصلحه ويغير الليات إذا لزم.", titleEn: "Water leak under the kitchen sink", descEn: "Constant leak under the kitchen sink and the cabinet wood is getting damaged. Need a plumber to fix it and replace hoses if needed." },
          { titleAr: "تركيب سخان جديد في دورة المياه", descAr: "اشتريت سخان ٥٠ لتر وأحتاج تركيبه مع تمديد المواسير وفحص الضغط.", titleEn: "Install a new water heater in the bathroom", descEn: "I bought a 50 L water heater and need it installed with the pipe connections and a pressure check." },
        ],
        portfolioAr: "تجديد سباكة حمام كامل", portfolioEn: "Full bathroom re-plumbing",
      },
      {
        slug: "electrical", nameAr: "كهرباء", nameEn: "Electrical", icon: "zap",
        serviceAr: "تمديدات وصيانة كهربائية", serviceEn: "Electrical wiring and repairs", unit: "per_visit", price: [120, 1200],
        requests: [
          { titleAr: "القاطع الرئيسي يفصل باستمرار", descAr: "الكهرباء تفصل كل ما نشغل المكيف والفرن مع بعض، نحتاج كهربائي يفحص اللوحة ويحل المشكلة.", titleEn: "Main breaker keeps tripping", descEn: "The power trips whenever the AC and the oven run together. Need an electrician to check the panel and fix it." },
          { titleAr: "تركيب إنارة سبوت لايت للصالة", descAr: "أبغى تركيب ١٢ سبوت لايت في جبس الصالة مع مفتاح تحكم بالإضاءة.", titleEn: "Install spotlights in the living room", descEn: "I want 12 spotlights fitted in the living-room gypsum ceiling with a dimmer switch." },
        ],
        portfolioAr: "إنارة مخفية لمجلس رجال", portfolioEn: "Hidden lighting for a majlis",
      },
      {
        slug: "ac-maintenance", nameAr: "صيانة مكيفات", nameEn: "AC Maintenance", icon: "wind",
        serviceAr: "تنظيف وصيانة وتعبئة فريون للمكيفات", serviceEn: "AC cleaning, servicing and refrigerant refill", unit: "per_visit", price: [100, 1500],
        requests: [
          { titleAr: "المكيف السبليت ما يبرد", descAr: "مكيف سبليت ٢٤ ألف وحدة يشتغل بس ما يبرد، أتوقع يحتاج فريون أو تنظيف.", titleEn: "Split AC is not cooling", descEn: "A 24,000 BTU split unit runs but does not cool. Probably needs refrigerant or a deep clean." },
          { titleAr: "غسيل ٥ مكيفات قبل الصيف", descAr: "عندي ٥ مكيفات سبليت في البيت أبغى غسيلها بالكامل مع فحص التصريف.", titleEn: "Service 5 AC units before summer", descEn: "Five split units at home need a full wash and a check of the drain lines." },
        ],
        portfolioAr: "تركيب مكيفات مركزية لفيلا", portfolioEn: "Central AC installation for a villa",
      },
      {
        slug: "painting", nameAr: "دهانات", nameEn: "Painting", icon: "paintbrush",
        serviceAr: "دهانات داخلية وخارجية وورق جدران", serviceEn: "Interior and exterior painting, wallpaper", unit: "per_sqm", price: [800, 6000],
        requests: [
          { titleAr: "دهان شقة ثلاث غرف", descAr: "شقة ثلاث غرف وصالة تحتاج دهان كامل بلون فاتح، الجدران فيها بعض الشقوق البسيطة.", titleEn: "Paint a three-bedroom apartment", descEn: "Three bedrooms and a living room need a full repaint in a light colour; the walls have a few small cracks." },
          { titleAr: "دهان سور خارجي", descAr: "سور الفيلا الخارجي يحتاج معالجة رطوبة ودهان مقاوم للشمس.", titleEn: "Paint the outside boundary wall", descEn: "The villa's outer wall needs damp treatment and a sun-resistant paint." },
        ],
        portfolioAr: "دهان مجلس بألوان ترابية", portfolioEn: "Majlis painted in earth tones",
      },
    ],
  },
  {
    slug: "cleaning", nameAr: "التنظيف", nameEn: "Cleaning", icon: "sparkles",
    subcategories: [
      {
        slug: "home-cleaning", nameAr: "تنظيف منازل", nameEn: "Home Cleaning", icon: "home",
        serviceAr: "تنظيف شامل للمنازل والشقق", serviceEn: "Full home and apartment cleaning", unit: "hourly", price: [200, 1200],
        requests: [
          { titleAr: "تنظيف فيلا بعد الترميم", descAr: "فيلا دورين انتهينا من ترميمها وفيها غبار وبقايا دهان، نحتاج تنظيف شامل قبل السكن.", titleEn: "Post-renovation villa cleaning", descEn: "Two-storey villa just renovated, dust and paint residue everywhere. Need a full clean before we move in." },
          { titleAr: "تنظيف أسبوعي لشقة", descAr: "أبحث عن تنظيف أسبوعي لشقة غرفتين يوم الخميس صباحًا.", titleEn: "Weekly apartment cleaning", descEn: "Looking for weekly cleaning of a two-bedroom flat on Thursday mornings." },
        ],
        portfolioAr: "تنظيف شقة قبل التسليم", portfolioEn: "Move-out apartment clean",
      },
      {
        slug: "sofa-carpet-cleaning", nameAr: "تنظيف كنب وسجاد", nameEn: "Sofa & Carpet Cleaning", icon: "sofa",
        serviceAr: "غسيل كنب وسجاد وموكيت بالبخار", serviceEn: "Steam cleaning of sofas, rugs and carpets", unit: "per_visit", price: [150, 900],
        requests: [
          { titleAr: "غسيل كنب مجلس ٨ مقاعد", descAr: "كنب مجلس قماش ٨ مقاعد عليه بقع قهوة، أبغى غسيل بالبخار وتعقيم.", titleEn: "Clean an 8-seat majlis sofa", descEn: "Fabric majlis sofa with 8 seats and coffee stains; want steam cleaning and sanitising." },
          { titleAr: "تنظيف سجاد وموكيت غرفتين", descAr: "موكيت غرفتين نوم وسجادتين كبار تحتاج غسيل وتجفيف بنفس اليوم.", titleEn: "Clean carpets in two rooms", descEn: "Wall-to-wall carpet in two bedrooms plus two large rugs, cleaned and dried the same day." },
        ],
        portfolioAr: "غسيل كنب قبل وبعد", portfolioEn: "Sofa cleaning before and after",
      },
      {
        slug: "water-tank-cleaning", nameAr: "تنظيف خزانات", nameEn: "Water Tank Cleaning", icon: "container",
        serviceAr: "تنظيف وتعقيم الخزانات العلوية والأرضية", serviceEn: "Cleaning and disinfection of roof and ground tanks", unit: "per_visit", price: [250, 900],
        requests: [
          { titleAr: "تنظيف خزان أرضي", descAr: "الخزان الأرضي ما تنظف من سنتين تقريبًا وفيه رواسب، نحتاج تنظيف وتعقيم.", titleEn: "Clean the ground water tank", descEn: "The ground tank has not been cleaned for about two years and has sediment. Needs cleaning and disinfection." },
          { titleAr: "عزل وتنظيف خزان علوي", descAr: "خزان علوي فيبر جلاس يحتاج تنظيف وفحص تسريب من الغطاء.", titleEn: "Clean and seal the roof tank", descEn: "Fibreglass roof tank needs cleaning and a check for a leak around the lid." },
        ],
        portfolioAr: "تعقيم خزان عمارة سكنية", portfolioEn: "Tank disinfection for an apartment block",
      },
      {
        slug: "pest-control", nameAr: "مكافحة حشرات", nameEn: "Pest Control", icon: "bug",
        serviceAr: "رش مبيدات ومكافحة الصراصير والنمل الأبيض", serviceEn: "Spraying for cockroaches, termites and rodents", unit: "per_visit", price: [200, 1500],
        requests: [
          { titleAr: "رش صراصير للمطبخ والحمامات", descAr: "فيه صراصير صغيرة في المطبخ والحمامات، نبغى رش آمن مع وجود أطفال.", titleEn: "Cockroach treatment for kitchen and bathrooms", descEn: "Small cockroaches in the kitchen and bathrooms; we need a treatment that is safe with children at home." },
          { titleAr: "فحص نمل أبيض في الحديقة", descAr: "لاحظنا نمل أبيض عند أبواب الخشب في الحديقة، نحتاج فحص ومعالجة.", titleEn: "Termite inspection in the garden", descEn: "We noticed termites near the wooden garden doors and need an inspection and treatment." },
        ],
        portfolioAr: "معالجة نمل أبيض لفيلا", portfolioEn: "Termite treatment for a villa",
      },
    ],
  },
  {
    slug: "moving", nameAr: "نقل العفش", nameEn: "Moving & Storage", icon: "truck",
    subcategories: [
      {
        slug: "furniture-moving", nameAr: "نقل أثاث", nameEn: "Furniture Moving", icon: "truck",
        serviceAr: "نقل عفش داخل المدينة وبين المدن", serviceEn: "Furniture moving within and between cities", unit: "fixed", price: [600, 4500],
        requests: [
          { titleAr: "نقل عفش شقة من الدمام إلى الرياض", descAr: "شقة ثلاث غرف تحتاج نقل مع التغليف والفك والتركيب، الدور الثالث بدون مصعد.", titleEn: "Move a flat from Dammam to Riyadh", descEn: "Three-bedroom flat to move with packing, dismantling and reassembly; third floor without a lift." },
          { titleAr: "نقل غرفة نوم وثلاجة داخل الحي", descAr: "نقل غرفة نوم كاملة وثلاجة وغسالة لبيت قريب في نفس الحي.", titleEn: "Move a bedroom set and fridge nearby", descEn: "Move a full bedroom set, a fridge and a washing machine to a house in the same district." },
        ],
        portfolioAr: "نقل فيلا كاملة خلال يوم", portfolioEn: "A whole villa moved in one day",
      },
      {
        slug: "furniture-assembly", nameAr: "فك وتركيب أثاث", nameEn: "Furniture Assembly", icon: "hammer",
        serviceAr: "فك وتركيب غرف النوم والمطابخ وأثاث ايكيا", serviceEn: "Assembly of bedrooms, kitchens and flat-pack furniture", unit: "per_visit", price: [150, 1200],
        requests: [
          { titleAr: "تركيب أثاث ايكيا لغرفة أطفال", descAr: "سريرين ودولاب ومكتب من ايكيا يحتاجون تركيب وتثبيت الدولاب بالجدار.", titleEn: "Assemble IKEA furniture for a kids' room", descEn: "Two beds, a wardrobe and a desk from IKEA to assemble, with the wardrobe fixed to the wall." },
          { titleAr: "فك وتركيب مطبخ", descAr: "مطبخ ألمنيوم ٤ متر يحتاج فك وإعادة تركيب في الشقة الجديدة.", titleEn: "Dismantle and refit a kitchen", descEn: "A 4 m aluminium kitchen to dismantle and refit in the new apartment." },
        ],
        portfolioAr: "تركيب غرفة نوم ماستر", portfolioEn: "Master bedroom assembly",
      },
      {
        slug: "storage", nameAr: "تخزين", nameEn: "Storage", icon: "warehouse",
        serviceAr: "تخزين أثاث مكيف ومؤمن", serviceEn: "Climate-controlled, insured furniture storage", unit: "daily", price: [300, 2500],
        requests: [
          { titleAr: "تخزين أثاث لمدة شهرين", descAr: "نحتاج تخزين أثاث شقة لمدة شهرين أثناء الترميم في مستودع مكيف.", titleEn: "Store furniture for two months", descEn: "We need to store a flat's furniture for two months during renovation, in an air-conditioned warehouse." },
          { titleAr: "تخزين صناديق ومكتب", descAr: "حوالي ٢٠ كرتون ومكتب خشب تحتاج تخزين لمدة شهر مع الاستلام من البيت.", titleEn: "Store boxes and a desk", descEn: "About 20 boxes and a wooden desk to store for a month, collected from the house." },
        ],
        portfolioAr: "مستودع مكيف ومراقب", portfolioEn: "Monitored, air-conditioned warehouse",
      },
    ],
  },
  {
    slug: "car-services", nameAr: "خدمات السيارات", nameEn: "Car Services", icon: "car",
    subcategories: [
      {
        slug: "mobile-car-wash", nameAr: "غسيل سيارات متنقل", nameEn: "Mobile Car Wash", icon: "spray-can",
        serviceAr: "غسيل وتلميع السيارة عند المنزل", serviceEn: "Car wash and polish at your home", unit: "per_visit", price: [40, 350],
        requests: [
          { titleAr: "غسيل سيارتين عند البيت", descAr: "سيارتين عائلية نبغى غسيل داخلي وخارجي بالبخار عند البيت بعد العصر.", titleEn: "Wash two cars at home", descEn: "Two family cars, interior and exterior steam wash at home in the late afternoon." },
          { titleAr: "تلميع ونانو سيراميك", descAr: "سيارة جديدة أبغى لها حماية نانو سيراميك وتلميع.", titleEn: "Polish and nano-ceramic coating", descEn: "New car that needs a nano-ceramic coating and polish." },
        ],
        portfolioAr: "تلميع سيارة فاخرة", portfolioEn: "Luxury car detailing",
      },
      {
        slug: "mobile-mechanic", nameAr: "ميكانيكي متنقل", nameEn: "Mobile Mechanic", icon: "cog",
        serviceAr: "صيانة وإصلاح السيارات في الموقع", serviceEn: "On-site car servicing and repairs", unit: "per_visit", price: [150, 1800],
        requests: [
          { titleAr: "تغيير زيت وفلاتر في الموقع", descAr: "أحتاج تغيير زيت وفلتر زيت وهواء لسيارة كامري ٢٠٢٠ عند مكان العمل.", titleEn: "Oil and filter change on site", descEn: "Oil, oil-filter and air-filter change for a 2020 Camry at my workplace." },
          { titleAr: "السيارة ما تشتغل", descAr: "السيارة واقفة عند البيت وما تشتغل، غالبًا البطارية أو السلف.", titleEn: "Car will not start", descEn: "The car is parked at home and will not start; probably the battery or the starter." },
        ],
        portfolioAr: "تغيير بطارية في الموقع", portfolioEn: "On-site battery replacement",
      },
      {
        slug: "tyre-service", nameAr: "إطارات وبطاريات", nameEn: "Tyres & Batteries", icon: "circle",
        serviceAr: "تبديل وترصيص الإطارات والبطاريات", serviceEn: "Tyre and battery replacement and balancing", unit: "per_visit", price: [80, 1600],
        requests: [
          { titleAr: "تبديل أربع كفرات", descAr: "أبغى تركيب أربع كفرات جديدة مقاس ١٧ مع ترصيص عند البيت.", titleEn: "Replace four tyres", descEn: "Fit four new 17-inch tyres with balancing at home." },
          { titleAr: "بنشر على الطريق", descAr: "الكفر الخلفي بنشر وأنا على طريق الملك فهد، أحتاج أحد يبدله بالاحتياطي.", titleEn: "Flat tyre on the road", descEn: "Rear tyre is flat and I am on King Fahd Road; need someone to fit the spare." },
        ],
        portfolioAr: "خدمة إطارات طارئة", portfolioEn: "Emergency tyre service",
      },
    ],
  },
  {
    slug: "tutoring", nameAr: "التعليم والدروس الخصوصية", nameEn: "Tutoring", icon: "graduation-cap",
    subcategories: [
      {
        slug: "math-tutoring", nameAr: "رياضيات", nameEn: "Math", icon: "sigma",
        serviceAr: "دروس رياضيات وتحضير القدرات والتحصيلي", serviceEn: "Math lessons, Qudurat and Tahsili prep", unit: "hourly", price: [100, 1600],
        requests: [
          { titleAr: "مدرس رياضيات لطالب ثالث متوسط", descAr: "ابني في ثالث متوسط يحتاج تأسيس في الجبر، حصتين بالأسبوع في البيت.", titleEn: "Math tutor for a grade 9 student", descEn: "My son in grade 9 needs help with algebra basics, two home sessions a week." },
          { titleAr: "تحضير للقدرات الكمي", descAr: "أحتاج دورة مكثفة للقدرات الجزء الكمي قبل الاختبار بشهر.", titleEn: "Qudurat quantitative preparation", descEn: "I need an intensive Qudurat quantitative course a month before the exam." },
        ],
        portfolioAr: "نتائج طلاب التحصيلي", portfolioEn: "Tahsili students' results",
      },
      {
        slug: "english-tutoring", nameAr: "لغة إنجليزية", nameEn: "English", icon: "languages",
        serviceAr: "دروس محادثة وتحضير IELTS وSTEP", serviceEn: "Conversation, IELTS and STEP preparation", unit: "hourly", price: [120, 1800],
        requests: [
          { titleAr: "تحضير اختبار الآيلتس", descAr: "أحتاج درجة ٦.٥ في الآيلتس للابتعاث خلال شهرين، التركيز على الكتابة والمحادثة.", titleEn: "IELTS preparation", descEn: "I need band 6.5 in IELTS for a scholarship within two months, focusing on writing and speaking." },
          { titleAr: "محادثة إنجليزي للأطفال", descAr: "بنتي عمرها ١٠ سنوات نبغى لها حصص محادثة ممتعة أونلاين.", titleEn: "English conversation for kids", descEn: "Fun online conversation classes for my 10-year-old daughter." },
        ],
        portfolioAr: "دورة محادثة جماعية", portfolioEn: "Group conversation course",
      },
      {
        slug: "quran-tutoring", nameAr: "تحفيظ قرآن", nameEn: "Quran Memorisation", icon: "book-open",
        serviceAr: "حلقات تحفيظ وتجويد", serviceEn: "Quran memorisation and tajweed circles", unit: "hourly", price: [100, 900],
        requests: [
          { titleAr: "معلمة تحفيظ للأطفال", descAr: "نبغى معلمة تحفيظ لطفلين (٦ و٨ سنوات) ثلاث مرات بالأسبوع.", titleEn: "Quran teacher for children", descEn: "A Quran teacher for two children (6 and 8) three times a week." },
          { titleAr: "دروس تجويد أونلاين", descAr: "أرغب بتعلم أحكام التجويد عن بعد بمعدل حصتين أسبوعيًا.", titleEn: "Online tajweed lessons", descEn: "I would like to learn tajweed rules online, two sessions a week." },
        ],
        portfolioAr: "حفل ختم الطالبات", portfolioEn: "Students' completion ceremony",
      },
    ],
  },
  {
    slug: "events", nameAr: "المناسبات", nameEn: "Events", icon: "party-popper",
    subcategories: [
      {
        slug: "event-photography", nameAr: "تصوير مناسبات", nameEn: "Event Photography", icon: "camera",
        serviceAr: "تصوير حفلات وتخرج ومناسبات", serviceEn: "Party, graduation and event photography", unit: "fixed", price: [800, 5000],
        requests: [
          { titleAr: "مصورة لحفل تخرج", descAr: "حفل تخرج نسائي في قاعة، مدة ٤ ساعات مع تسليم الصور معدلة.", titleEn: "Photographer for a graduation party", descEn: "Ladies' graduation party in a hall, four hours, with edited photos delivered." },
          { titleAr: "تصوير ملكة", descAr: "نبغى مصور لحفل ملكة في البيت مع فيديو قصير.", titleEn: "Photography for an engagement (milkah)", descEn: "Photographer for a milkah at home, plus a short video." },
        ],
        portfolioAr: "تصوير حفل زواج", portfolioEn: "Wedding photography",
      },
      {
        slug: "coffee-hospitality", nameAr: "ضيافة وقهوة", nameEn: "Coffee & Hospitality", icon: "coffee",
        serviceAr: "مباشرين قهوة وشاي للمناسبات", serviceEn: "Coffee and tea servers for occasions", unit: "fixed", price: [500, 3500],
        requests: [
          { titleAr: "مباشرين قهوة لعزيمة ٥٠ شخص", descAr: "عزيمة رجال ٥٠ شخص نحتاج مباشرين اثنين مع القهوة والتمر والشاي.", titleEn: "Coffee servers for a 50-guest gathering", descEn: "Men's gathering of 50 guests; need two servers with Saudi coffee, dates and tea." },
          { titleAr: "ضيافة لحفل عقيقة", descAr: "حفل عقيقة يوم الجمعة نحتاج ضيافة كاملة مع الحلا.", titleEn: "Hospitality for an aqiqah", descEn: "Aqiqah on Friday; we need full hospitality including desserts." },
        ],
        portfolioAr: "ركن ضيافة لعرس", portfolioEn: "Hospitality corner at a wedding",
      },
      {
        slug: "event-decoration", nameAr: "تنسيق حفلات", nameEn: "Event Decoration", icon: "flower",
        serviceAr: "تنسيق وتزيين الحفلات والمناسبات", serviceEn: "Party and event styling", unit: "fixed", price: [700, 6000],
        requests: [
          { titleAr: "تنسيق حفلة عيد ميلاد", descAr: "عيد ميلاد بنتي الخامس، نبغى بالونات وطاولة حلا بثيم الأميرات.", titleEn: "Birthday party decoration", descEn: "My daughter's fifth birthday: balloons and a dessert table with a princess theme." },
          { titleAr: "تزيين استقبال مولود", descAr: "تنسيق استقبال مولود في البيت مع ورود وتوزيعات.", titleEn: "Newborn welcome decoration", descEn: "Decoration for a newborn welcome at home with flowers and favours." },
        ],
        portfolioAr: "كوشة استقبال مولود", portfolioEn: "Newborn welcome setup",
      },
    ],
  },
];

/** Every subcategory with its category slug. */
export function allSubcategories(): Array<SubcategorySeed & { categorySlug: string }> {
  return CATEGORIES.flatMap((c) => c.subcategories.map((s) => ({ ...s, categorySlug: c.slug })));
}
