/** Names, cities and districts of the demo clients and providers (Arabic and English). */
import { arabicCityName } from "../../src/platform/cities.js";

/** A Saudi city with a few districts. */
export interface CityInfo {
  /** stored value of the `city` columns (English, as the app filters by it) */
  name: string;
  nameAr: string;
  districts: readonly (readonly [ar: string, en: string])[];
}

const DISTRICTS: Record<string, CityInfo["districts"]> = {
  Riyadh: [["حي النرجس", "Al Narjis"], ["حي الملقا", "Al Malqa"], ["حي العليا", "Al Olaya"], ["حي الياسمين", "Al Yasmin"], ["حي السويدي", "Al Suwaidi"]],
  Jeddah: [["حي الروضة", "Al Rawdah"], ["حي الشاطئ", "Al Shati"], ["حي الصفا", "Al Safa"], ["حي أبحر الشمالية", "Obhur Al Shamaliyah"]],
  Dammam: [["حي الفيصلية", "Al Faisaliyah"], ["حي الشاطئ الغربي", "Al Shati Al Gharbi"], ["حي الجلوية", "Al Jalawiyah"]],
  Makkah: [["حي العزيزية", "Al Aziziyah"], ["حي الشوقية", "Al Shawqiyah"], ["حي النسيم", "Al Naseem"]],
  Madinah: [["حي قباء", "Quba"], ["حي العوالي", "Al Awali"], ["حي الخالدية", "Al Khalidiyah"]],
  Khobar: [["حي العقربية", "Al Aqrabiyah"], ["حي الراكة", "Al Rakah"], ["حي الثقبة", "Al Thuqbah"]],
};

/** The six demo cities; their Arabic names come from the app's city table. */
export const CITIES: readonly CityInfo[] = Object.entries(DISTRICTS).map(([name, districts]) => {
  const nameAr = arabicCityName(name);
  if (!nameAr) throw new Error(`demo city ${name} is missing from src/platform/cities.ts`);
  return { name, nameAr, districts };
});

/** City by stored name. */
export function cityInfo(name: string): CityInfo {
  const c = CITIES.find((x) => x.name === name);
  if (!c) throw new Error(`unknown demo city ${name}`);
  return c;
}

/** A demo app user. */
export interface PersonSeed {
  nameAr: string;
  nameEn: string;
  language: "ar" | "en";
  city: string;
  /** e-mail local part; users without one signed up with their phone only */
  email?: string;
}

/** 25 clients; most use the app in Arabic, some in English. */
export const CLIENTS: readonly PersonSeed[] = [
  { nameAr: "عبدالله القحطاني", nameEn: "Abdullah Al-Qahtani", language: "ar", city: "Riyadh", email: "abdullah.qahtani" },
  { nameAr: "سارة العتيبي", nameEn: "Sarah Al-Otaibi", language: "ar", city: "Riyadh" },
  { nameAr: "فهد الدوسري", nameEn: "Fahad Al-Dosari", language: "ar", city: "Dammam", email: "fahad.dosari" },
  { nameAr: "نورة الشمري", nameEn: "Noura Al-Shammari", language: "ar", city: "Riyadh" },
  { nameAr: "خالد الغامدي", nameEn: "Khalid Al-Ghamdi", language: "ar", city: "Jeddah", email: "khalid.ghamdi" },
  { nameAr: "ريم الحربي", nameEn: "Reem Al-Harbi", language: "ar", city: "Madinah" },
  { nameAr: "سلطان المطيري", nameEn: "Sultan Al-Mutairi", language: "ar", city: "Riyadh" },
  { nameAr: "هيفاء الزهراني", nameEn: "Haifa Al-Zahrani", language: "ar", city: "Jeddah", email: "haifa.zahrani" },
  { nameAr: "تركي السبيعي", nameEn: "Turki Al-Subaie", language: "ar", city: "Khobar" },
  { nameAr: "أمل العنزي", nameEn: "Amal Al-Anazi", language: "ar", city: "Dammam" },
  { nameAr: "ماجد الشهري", nameEn: "Majed Al-Shehri", language: "ar", city: "Makkah", email: "majed.shehri" },
  { nameAr: "لطيفة القرني", nameEn: "Latifa Al-Qarni", language: "ar", city: "Riyadh" },
  { nameAr: "بندر العمري", nameEn: "Bandar Al-Omari", language: "ar", city: "Madinah" },
  { nameAr: "منيرة الرشيد", nameEn: "Munira Al-Rashid", language: "ar", city: "Riyadh", email: "munira.rashid" },
  { nameAr: "يزيد الجهني", nameEn: "Yazeed Al-Juhani", language: "ar", city: "Jeddah" },
  { nameAr: "جواهر البقمي", nameEn: "Jawaher Al-Buqami", language: "ar", city: "Makkah" },
  { nameAr: "نايف السهلي", nameEn: "Naif Al-Sahli", language: "ar", city: "Khobar", email: "naif.sahli" },
  { nameAr: "دانة الخالدي", nameEn: "Dana Al-Khalidi", language: "ar", city: "Riyadh" },
  { nameAr: "عمر الحربي", nameEn: "Omar Al-Harbi", language: "en", city: "Riyadh", email: "omar.harbi" },
  { nameAr: "ليلى المطيري", nameEn: "Layla Al-Mutairi", language: "en", city: "Jeddah", email: "layla.mutairi" },
  { nameAr: "عمران قريشي", nameEn: "Imran Qureshi", language: "en", city: "Dammam", email: "imran.qureshi" },
  { nameAr: "سارة ميتشل", nameEn: "Sarah Mitchell", language: "en", city: "Riyadh", email: "sarah.mitchell" },
  { nameAr: "يوسف العمري", nameEn: "Yousef Al-Amri", language: "en", city: "Khobar" },
  { nameAr: "هناء الشمري", nameEn: "Hana Al-Shammari", language: "en", city: "Riyadh", email: "hana.shammari" },
  { nameAr: "راهول مينون", nameEn: "Rahul Menon", language: "en", city: "Jeddah", email: "rahul.menon" },
];

/** A demo provider with the business profile. */
export interface ProviderSeed extends PersonSeed {
  displayNameAr: string;
  displayNameEn: string;
  bioAr: string;
  bioEn: string;
  yearsExperience: number;
  acceptsUrgent: boolean;
  /** subcategory slugs the provider works in (the first is the main one) */
  subcategories: readonly string[];
}

/** 15 providers covering every category and city. */
export const PROVIDERS: readonly ProviderSeed[] = [
  {
    nameAr: "حمد الصاعدي", nameEn: "Hamad Al-Saedi", language: "ar", city: "Riyadh", email: "hamad.saedi",
    displayNameAr: "مؤسسة لمسة برودة للتكييف", displayNameEn: "Lamsat Buroda AC",
    bioAr: "صيانة وتركيب جميع أنواع المكيفات (سبليت، شباك، مركزي) في الرياض مع ضمان على قطع الغيار لمدة ستة أشهر.",
    bioEn: "Installation and maintenance of split, window and central AC units across Riyadh, with a six-month parts warranty.",
    yearsExperience: 9, acceptsUrgent: true, subcategories: ["ac-maintenance", "electrical"],
  },
  {
    nameAr: "ياسر البلوي", nameEn: "Yasser Al-Balawi", language: "ar", city: "Jeddah",
    displayNameAr: "الإتقان للسباكة والكهرباء", displayNameEn: "Al-Itqan Plumbing & Electrical",
    bioAr: "فريق فني معتمد لكشف التسربات وتمديدات السباكة والكهرباء للمنازل والفلل في جدة.",
    bioEn: "Certified technicians for leak detection, plumbing and electrical work in Jeddah homes and villas.",
    yearsExperience: 12, acceptsUrgent: true, subcategories: ["plumbing", "electrical", "water-tank-cleaning"],
  },
  {
    nameAr: "مشاعل القحطاني", nameEn: "Mashael Al-Qahtani", language: "ar", city: "Riyadh", email: "mashael.bareeq",
    displayNameAr: "بريق للتنظيف", displayNameEn: "Bareeq Cleaning",
    bioAr: "تنظيف شامل للمنازل والكنب والسجاد بمواد آمنة ومعتمدة، عاملات مدربات وبإشراف سعودي.",
    bioEn: "Deep cleaning of homes, sofas and carpets with certified safe products; trained staff under Saudi supervision.",
    yearsExperience: 6, acceptsUrgent: false, subcategories: ["home-cleaning", "sofa-carpet-cleaning", "water-tank-cleaning"],
  },
  {
    nameAr: "سعد العتيبي", nameEn: "Saad Al-Otaibi", language: "ar", city: "Dammam",
    displayNameAr: "نقليات الأمانة", displayNameEn: "Al-Amanah Movers",
    bioAr: "نقل عفش داخل الدمام والخبر وبين المدن مع الفك والتركيب والتغليف، سيارات مغلقة ونظيفة.",
    bioEn: "Furniture moving within Dammam and Khobar and between cities, with assembly and packing in closed trucks.",
    yearsExperience: 15, acceptsUrgent: true, subcategories: ["furniture-moving", "furniture-assembly", "storage"],
  },
  {
    nameAr: "عادل الحارثي", nameEn: "Adel Al-Harthi", language: "ar", city: "Riyadh",
    displayNameAr: "اللؤلؤة لخدمات السيارات المتنقلة", displayNameEn: "Al-Lulu Mobile Car Care",
    bioAr: "غسيل سيارات بالبخار عند باب بيتك، وتبديل إطارات وميكانيكا خفيفة في الموقع.",
    bioEn: "Steam car wash at your door, tyre changes and light mechanical repairs on site.",
    yearsExperience: 4, acceptsUrgent: true, subcategories: ["mobile-car-wash", "tyre-service", "mobile-mechanic"],
  },
  {
    nameAr: "فيصل المالكي", nameEn: "Faisal Al-Maliki", language: "ar", city: "Makkah", email: "faisal.maliki",
    displayNameAr: "الأستاذ فيصل للرياضيات", displayNameEn: "Mr. Faisal Math Tutoring",
    bioAr: "معلم رياضيات بخبرة عشر سنوات، تأسيس ومتابعة للمرحلتين المتوسطة والثانوية والتحضير للقدرات والتحصيلي.",
    bioEn: "Math teacher with ten years of experience: intermediate and secondary school, Qudurat and Tahsili preparation.",
    yearsExperience: 10, acceptsUrgent: false, subcategories: ["math-tutoring"],
  },
  {
    nameAr: "رغد باعشن", nameEn: "Raghad Baeshen", language: "ar", city: "Jeddah", email: "raghad.lens",
    displayNameAr: "عدسة جدة للتصوير", displayNameEn: "Jeddah Lens Photography",
    bioAr: "تصوير مناسبات وحفلات نسائية وتخرج، مع تنسيق ديكور بسيط وتسليم الصور خلال أسبوع.",
    bioEn: "Event, ladies' party and graduation photography with simple decoration; photos delivered within a week.",
    yearsExperience: 7, acceptsUrgent: false, subcategories: ["event-photography", "event-decoration"],
  },
  {
    nameAr: "مساعد الحربي", nameEn: "Musaed Al-Harbi", language: "ar", city: "Madinah",
    displayNameAr: "ضيافة الديرة", displayNameEn: "Al-Deerah Hospitality",
    bioAr: "مباشرين قهوة وشاي للمناسبات والأعراس مع الدلال والتمر والبخور، وتنسيق جلسات خارجية.",
    bioEn: "Coffee and tea servers for weddings and gatherings with dallahs, dates and incense, plus outdoor seating setups.",
    yearsExperience: 8, acceptsUrgent: false, subcategories: ["coffee-hospitality", "event-decoration"],
  },
  {
    nameAr: "طلال الدوسري", nameEn: "Talal Al-Dosari", language: "ar", city: "Khobar",
    displayNameAr: "الخبر للصيانة العامة", displayNameEn: "Khobar General Maintenance",
    bioAr: "صيانة عامة للمنازل: سباكة، دهانات، مكيفات، وخدمة ميكانيكي متنقل في الخبر والظهران.",
    bioEn: "General home maintenance — plumbing, painting, AC — and a mobile mechanic in Khobar and Dhahran.",
    yearsExperience: 11, acceptsUrgent: true, subcategories: ["plumbing", "painting", "ac-maintenance", "mobile-mechanic", "tyre-service"],
  },
  {
    nameAr: "هند الشهري", nameEn: "Hind Al-Shehri", language: "ar", city: "Madinah",
    displayNameAr: "درر لتحفيظ القرآن", displayNameEn: "Durar Quran Academy",
    bioAr: "حلقات تحفيظ وتجويد عن بعد وحضوريًا للأطفال والنساء بإجازة في رواية حفص عن عاصم.",
    bioEn: "Quran memorisation and tajweed classes for children and women, online and in person, by an ijazah holder.",
    yearsExperience: 5, acceptsUrgent: false, subcategories: ["quran-tutoring"],
  },
  {
    nameAr: "زياد العنزي", nameEn: "Ziyad Al-Anazi", language: "ar", city: "Dammam",
    displayNameAr: "إبادة لمكافحة الحشرات", displayNameEn: "Ebadah Pest Control",
    bioAr: "مكافحة الحشرات والقوارض ورش المبيدات المعتمدة من وزارة البيئة، وتنظيف وتعقيم الخزانات.",
    bioEn: "Pest and rodent control with ministry-approved products, plus water tank cleaning and disinfection.",
    yearsExperience: 9, acceptsUrgent: true, subcategories: ["pest-control", "water-tank-cleaning"],
  },
  {
    nameAr: "أرشد خان", nameEn: "Arshad Khan", language: "en", city: "Riyadh", email: "arshad.cooltech",
    displayNameAr: "كول تك لخدمات التكييف", displayNameEn: "CoolTech AC Services",
    bioAr: "فنيون ذوو خبرة في تكييف الهواء والكهرباء والدهانات، خدمة في نفس اليوم داخل الرياض.",
    bioEn: "Experienced AC, electrical and painting technicians with same-day service inside Riyadh.",
    yearsExperience: 14, acceptsUrgent: true, subcategories: ["ac-maintenance", "electrical", "painting"],
  },
  {
    nameAr: "ماريا سانتوس", nameEn: "Maria Santos", language: "en", city: "Jeddah", email: "maria.sparkle",
    displayNameAr: "سباركل لتنظيف المنازل", displayNameEn: "Sparkle Home Cleaning",
    bioAr: "تنظيف منازل بالساعة أو بالزيارة، تنظيف كنب وسجاد ومكافحة حشرات خفيفة في جدة.",
    bioEn: "Hourly or per-visit home cleaning, sofa and carpet shampooing and light pest control in Jeddah.",
    yearsExperience: 5, acceptsUrgent: false, subcategories: ["home-cleaning", "sofa-carpet-cleaning", "pest-control"],
  },
  {
    nameAr: "طارق عزيز", nameEn: "Tariq Aziz", language: "en", city: "Khobar",
    displayNameAr: "سويفت لنقل الأثاث", displayNameEn: "Swift Movers KSA",
    bioAr: "نقل أثاث وتخزين قصير وطويل المدى في المنطقة الشرقية مع تأمين على المنقولات.",
    bioEn: "Furniture moving and short- or long-term storage in the Eastern Province, with goods-in-transit insurance.",
    yearsExperience: 8, acceptsUrgent: false, subcategories: ["furniture-moving", "furniture-assembly", "storage"],
  },
  {
    nameAr: "دانيال بروكس", nameEn: "Daniel Brooks", language: "en", city: "Riyadh", email: "daniel.smartenglish",
    displayNameAr: "سمارت لتعليم الإنجليزية", displayNameEn: "Smart English Tutors",
    bioAr: "دروس لغة إنجليزية للمحادثة واختبارات IELTS وSTEP، ودروس رياضيات باللغة الإنجليزية لطلاب المدارس العالمية.",
    bioEn: "English conversation, IELTS and STEP preparation, and math in English for international-school students.",
    yearsExperience: 6, acceptsUrgent: false, subcategories: ["english-tutoring", "math-tutoring"],
  },
];

/** Saudi mobile prefixes after +9665. */
export const MOBILE_PREFIXES = ["0", "3", "4", "5", "6", "8", "9"] as const;
