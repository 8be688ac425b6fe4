#!/usr/bin/env python3
"""make-samples.py - writes the bundled sample files of samples/ and the
tables of samples/README.md that say which rows are bad and which complaints
are planted duplicates or hard negatives.

The files are committed; this script exists so that they can be regenerated
(deterministically, fixed seed) when the samples have to change. Run from the
repository root:  python3 samples/make-samples.py
"""
import csv
import datetime as dt
import io
import random

OUT = 'samples/'
R = random.Random(20261126)
SNAP1 = dt.date(2026, 11, 26)
SNAP2 = dt.date(2026, 11, 27)
FIRST_DAY = dt.date(2026, 8, 1)

TEHSILS = [
    ('सीहोर', ['बिलकिसगंज', 'दोराहा', 'मुंगावली', 'थूना कलां', 'झागरिया', 'चांदबड़', 'वार्ड 12 सीहोर', 'वार्ड 7 सीहोर']),
    ('आष्टा', ['कोठरी', 'मैना', 'सिद्दीकगंज', 'हकीमाबाद', 'खाचरौद', 'वार्ड 5 आष्टा']),
    ('इछावर', ['ब्रिजिशनगर', 'आमला', 'धामंदा', 'बमूलिया', 'सिराड़ी']),
    ('भैरूंदा', ['लाड़कुई', 'गोपालपुर', 'सातदेव', 'छिदगांव', 'वार्ड 3 भैरूंदा']),
    ('बुधनी', ['शाहगंज', 'होलीपुरा', 'तालपुरा', 'बकतरा', 'वार्ड 9 बुधनी']),
    ('रेहटी', ['सलकनपुर', 'बोरना', 'मरदानपुर', 'छिपानेर']),
    ('जावर', ['जावर', 'कजलास', 'डोडी']),
    ('श्यामपुर', ['श्यामपुर', 'दुपाड़िया', 'बरखेड़ा हसन']),
]
TEHSIL_OF = {v: t for t, vs in TEHSILS for v in vs}
VILLAGES = [v for _, vs in TEHSILS for v in vs]

# department, code, designations at L1..L4
DEPTS = [
    ('राजस्व विभाग', 'REV', ['पटवारी', 'तहसीलदार', 'अनुविभागीय अधिकारी राजस्व (SDM)', 'आयुक्त भू-अभिलेख']),
    ('ऊर्जा विभाग', 'ENG', ['कनिष्ठ यंत्री', 'कार्यपालन यंत्री', 'अधीक्षण यंत्री', 'मुख्य अभियंता']),
    ('नगरीय विकास एवं आवास विभाग', 'UDH', ['उपयंत्री', 'मुख्य नगर पालिका अधिकारी', 'परियोजना अधिकारी शहरी विकास', 'आयुक्त नगरीय प्रशासन']),
    ('पंचायत एवं ग्रामीण विकास विभाग', 'PRD', ['पंचायत सचिव', 'मुख्य कार्यपालन अधिकारी जनपद', 'मुख्य कार्यपालन अधिकारी जिला पंचायत', 'आयुक्त पंचायत राज']),
    ('खाद्य नागरिक आपूर्ति विभाग', 'FCS', ['कनिष्ठ आपूर्ति अधिकारी', 'जिला आपूर्ति अधिकारी', 'संयुक्त कलेक्टर', 'आयुक्त खाद्य']),
    ('लोक स्वास्थ्य एवं परिवार कल्याण विभाग', 'HLT', ['खंड चिकित्सा अधिकारी', 'मुख्य चिकित्सा एवं स्वास्थ्य अधिकारी', 'संयुक्त संचालक स्वास्थ्य', 'संचालक स्वास्थ्य सेवाएं']),
    ('लोक स्वास्थ्य यांत्रिकी विभाग', 'PHE', ['सहायक यंत्री', 'कार्यपालन यंत्री', 'अधीक्षण यंत्री', 'प्रमुख अभियंता']),
    ('पुलिस विभाग', 'POL', ['थाना प्रभारी', 'अनुविभागीय अधिकारी पुलिस', 'पुलिस अधीक्षक', 'पुलिस महानिरीक्षक']),
    ('स्कूल शिक्षा विभाग', 'SCH', ['संकुल प्राचार्य', 'विकासखंड शिक्षा अधिकारी', 'जिला शिक्षा अधिकारी', 'आयुक्त लोक शिक्षण']),
    ('सामाजिक न्याय एवं दिव्यांगजन कल्याण विभाग', 'SJD', ['जनपद सामाजिक सुरक्षा अधिकारी', 'उपसंचालक सामाजिक न्याय', 'संयुक्त संचालक सामाजिक न्याय', 'आयुक्त सामाजिक न्याय']),
]
DEPT_CODE = {d: c for d, c, _ in DEPTS}

# category, department, days at L1..L5, Hindi core texts, English core text
CATS = [
    ('बिजली बिल अधिक आना', 'ऊर्जा विभाग', (7, 7, 15, 30, 30),
     ['मेरे घर का बिजली बिल इस महीने {amt} रुपये आया है जबकि खपत बहुत कम है, मीटर की जांच कराई जाए',
      'हर महीने बिजली बिल ज्यादा आ रहा है, इस बार {amt} रुपये का बिल आया, मीटर रीडिंग गलत ली गई है'],
     'Electricity bill of Rs {amt} came this month though consumption is very low, meter reading is wrong'),
    ('ट्रांसफार्मर खराब', 'ऊर्जा विभाग', (7, 7, 10, 15, 15),
     ['ग्राम {v} का ट्रांसफार्मर {n} दिन से जला हुआ है, पूरे गांव में बिजली नहीं है, किसान सिंचाई नहीं कर पा रहे',
      'हमारे गांव {v} में {n} दिन पहले ट्रांसफार्मर खराब हो गया, अब तक बदला नहीं गया, गांव अंधेरे में है'],
     'Transformer of village {v} burnt since {n} days, no electricity in whole village, please replace'),
    ('विद्युत कटौती', 'ऊर्जा विभाग', (7, 7, 10, 15, 15),
     ['ग्राम {v} में रोज {n} घंटे बिजली कटौती हो रही है, बिना सूचना के लाइट काट दी जाती है',
      'हमारे क्षेत्र में दिन में कई बार बिजली चली जाती है, रोज {n} घंटे लाइट नहीं रहती'],
     'Daily {n} hours power cut in village {v} without any notice'),
    ('सीमांकन/नामांतरण', 'राजस्व विभाग', (30, 30, 30, 30, 30),
     ['मेरी भूमि खसरा नंबर {kh} का सीमांकन {m} माह से लंबित है, पटवारी बार बार तारीख दे रहे हैं',
      'खसरा क्रमांक {kh} की जमीन का नामांतरण {m} माह पहले आवेदन देने के बाद भी नहीं हुआ'],
     'Demarcation of my land khasra no {kh} pending for {m} months, patwari is not coming'),
    ('अतिक्रमण', 'राजस्व विभाग', (15, 15, 30, 30, 30),
     ['ग्राम {v} में सरकारी रास्ते पर दबंगों ने अतिक्रमण कर लिया है, आने जाने में परेशानी है',
      'गांव {v} के आम रास्ते पर कब्जा कर लिया गया है, अतिक्रमण हटाया जाए'],
     'Government road in village {v} encroached by influential people, please remove encroachment'),
    ('सड़क निर्माण', 'नगरीय विकास एवं आवास विभाग', (30, 30, 30, 30, 30),
     ['{v} में सड़क निर्माण {m} माह से अधूरा पड़ा है, गड्ढों के कारण दुर्घटना हो रही है',
      'हमारे मोहल्ले {v} की सड़क का काम {m} महीने से बंद है, बारिश में कीचड़ भर जाता है'],
     'Road construction in {v} incomplete since {m} months, accidents due to potholes'),
    ('नाली सफाई', 'नगरीय विकास एवं आवास विभाग', (7, 7, 15, 15, 15),
     ['{v} में नाली की सफाई {n} दिन से नहीं हुई, गंदा पानी सड़क पर बह रहा है',
      'मोहल्ले {v} की नालियां चोक हैं, {n} दिन से सफाई कर्मचारी नहीं आए'],
     'Drain in {v} not cleaned for {n} days, dirty water on road'),
    ('स्ट्रीट लाइट बंद', 'नगरीय विकास एवं आवास विभाग', (7, 7, 15, 15, 15),
     ['{v} में {n} दिन से स्ट्रीट लाइट बंद है, रात में अंधेरा रहता है',
      'हमारी गली {v} की स्ट्रीट लाइट {n} दिन से खराब है, चोरी का डर है'],
     'Street lights off in {v} for {n} days'),
    ('प्रधानमंत्री आवास की किस्त नहीं मिलना', 'पंचायत एवं ग्रामीण विकास विभाग', (15, 15, 30, 30, 30),
     ['प्रधानमंत्री आवास योजना की दूसरी किस्त {m} माह से नहीं मिली, मकान अधूरा पड़ा है',
      'पीएम आवास की किस्त {m} महीने से रुकी है, सचिव बोलते हैं ऊपर से नहीं आई'],
     'Second installment of PM Awas not received for {m} months, house incomplete'),
    ('मनरेगा मजदूरी भुगतान नहीं', 'पंचायत एवं ग्रामीण विकास विभाग', (15, 15, 30, 30, 30),
     ['मनरेगा में {n} दिन काम किया पर मजदूरी का भुगतान अब तक नहीं हुआ',
      'मनरेगा की मजदूरी {m} माह से बाकी है, {n} दिन का पैसा नहीं मिला'],
     'MGNREGA wages for {n} days work not paid yet'),
    ('पेंशन नहीं मिलना', 'सामाजिक न्याय एवं दिव्यांगजन कल्याण विभाग', (15, 15, 30, 30, 30),
     ['वृद्धावस्था पेंशन {m} माह से नहीं मिल रही है, बैंक जाने पर पैसा नहीं आया बताते हैं',
      'मेरी वृद्धा पेंशन {m} महीने से बंद है, कोई कारण नहीं बताया गया'],
     'Old age pension not received for {m} months'),
    ('राशन नहीं मिलना', 'खाद्य नागरिक आपूर्ति विभाग', (7, 7, 15, 30, 30),
     ['उचित मूल्य दुकान से {m} माह से राशन नहीं मिल रहा है, सेल्समैन अंगूठा लगवा कर भगा देता है',
      'राशन दुकान वाला {m} महीने से गेहूं चावल नहीं दे रहा, मशीन में अंगूठा लगवा लेता है'],
     'Ration not given by PDS shop for {m} months, salesman takes thumb impression and refuses'),
    ('पात्रता पर्ची नहीं बनना', 'खाद्य नागरिक आपूर्ति विभाग', (15, 15, 30, 30, 30),
     ['पात्रता पर्ची के लिए {m} माह पहले आवेदन दिया था, अब तक पर्ची नहीं बनी',
      'मेरी पात्रता पर्ची {m} महीने से नहीं बनी है, जनपद के चक्कर लगा रहा हूं'],
     'Eligibility slip for ration not made though applied {m} months ago'),
    ('हैंडपंप खराब', 'लोक स्वास्थ्य यांत्रिकी विभाग', (7, 7, 10, 15, 15),
     ['ग्राम {v} का हैंडपंप {n} दिन से खराब है, पीने के पानी की बहुत समस्या है',
      'हमारे गांव {v} में {n} दिन से हैंडपंप बंद पड़ा है, महिलाओं को दूर से पानी लाना पड़ता है'],
     'Handpump of village {v} not working since {n} days, no drinking water'),
    ('नल जल योजना बंद', 'लोक स्वास्थ्य यांत्रिकी विभाग', (7, 7, 15, 15, 15),
     ['ग्राम {v} में नल जल योजना {n} दिन से बंद है, टंकी में पानी नहीं चढ़ रहा',
      'गांव {v} के नलों में {n} दिन से पानी नहीं आ रहा, मोटर खराब है'],
     'Nal jal yojana in village {v} closed since {n} days, motor is faulty'),
    ('अस्पताल में डॉक्टर नहीं', 'लोक स्वास्थ्य एवं परिवार कल्याण विभाग', (7, 7, 15, 30, 30),
     ['{v} के स्वास्थ्य केंद्र में {n} दिन से डॉक्टर नहीं आ रहे, मरीजों को लौटा दिया जाता है',
      'प्राथमिक स्वास्थ्य केंद्र {v} में डॉक्टर नहीं बैठते, {n} दिन से ताला लगा है'],
     'No doctor at health centre {v} for {n} days'),
    ('एफआईआर दर्ज नहीं करना', 'पुलिस विभाग', (7, 7, 15, 30, 30),
     ['मेरी मोटरसाइकिल चोरी हो गई, थाने में {n} दिन से रिपोर्ट दर्ज नहीं की जा रही',
      'थाना प्रभारी मेरी शिकायत पर एफआईआर नहीं लिख रहे, {n} दिन से चक्कर लगा रहा हूं'],
     'Police not registering FIR of my motorcycle theft for {n} days'),
    ('शिक्षक स्कूल नहीं आते', 'स्कूल शिक्षा विभाग', (15, 15, 30, 30, 30),
     ['ग्राम {v} के प्राथमिक विद्यालय में शिक्षक {n} दिन से नहीं आ रहे, बच्चों की पढ़ाई नहीं हो रही',
      'हमारे गांव {v} के स्कूल के मास्टर साहब महीने में कुछ ही दिन आते हैं'],
     'Teacher of primary school {v} absent for {n} days'),
    ('छात्रवृत्ति नहीं मिलना', 'स्कूल शिक्षा विभाग', (15, 15, 30, 30, 30),
     ['मेरी बेटी की छात्रवृत्ति {m} माह से खाते में नहीं आई',
      'बच्चे की स्कॉलरशिप {m} महीने से नहीं मिली, स्कूल वाले कुछ नहीं बताते'],
     'Scholarship of my child not credited for {m} months'),
]
# used in the exports but left out of categories.csv on purpose
UNKNOWN_CAT = ('गैस कनेक्शन नहीं मिलना', 'खाद्य नागरिक आपूर्ति विभाग', None,
               ['उज्ज्वला योजना का गैस कनेक्शन {m} माह से नहीं मिला, एजेंसी वाले पैसे मांगते हैं',
                'उज्ज्वला गैस कनेक्शन के लिए {m} महीने से चक्कर लगा रहे हैं'],
               'Ujjwala gas connection not given for {m} months')
CAT = {c[0]: c for c in CATS + [UNKNOWN_CAT]}

OPEN = ['महोदय, ', 'निवेदन है कि ', 'सर ', '', 'मेरी शिकायत है कि ', 'आदरणीय महोदय, ']
CLOSE = ['। कृपया शीघ्र कार्यवाही करें।', '। जल्द समाधान करने की कृपा करें।', '। कृपया मदद करें।',
         '। कई बार आवेदन दिया पर सुनवाई नहीं हुई।', '।']
REFILE = ['पहले भी शिकायत की थी, निराकरण नहीं हुआ। ', 'दोबारा शिकायत कर रहा हूं, ', 'फिर से निवेदन है कि ']

# Devanagari name, romanised spelling
MALE = [('रमेश', 'Ramesh'), ('सुरेश', 'Suresh'), ('महेश', 'Mahesh'), ('राजेश', 'Rajesh'), ('दिनेश', 'Dinesh'),
        ('मुकेश', 'Mukesh'), ('राकेश', 'Rakesh'), ('कमलेश', 'Kamlesh'), ('अनिल', 'Anil'), ('सुनील', 'Sunil'),
        ('विनोद', 'Vinod'), ('प्रमोद', 'Pramod'), ('संजय', 'Sanjay'), ('अजय', 'Ajay'), ('विजय', 'Vijay'),
        ('रामप्रसाद', 'Ramprasad'), ('शिवनारायण', 'Shivnarayan'), ('बाबूलाल', 'Babulal'), ('मोहनलाल', 'Mohanlal'),
        ('गोविंद', 'Govind'), ('हरिशंकर', 'Harishankar'), ('भगवान सिंह', 'Bhagwan Singh'), ('कैलाश', 'Kailash'),
        ('जगदीश', 'Jagdish'), ('प्रकाश', 'Prakash'), ('नरेंद्र', 'Narendra'), ('धर्मेंद्र', 'Dharmendra'),
        ('लखन', 'Lakhan'), ('मनोज', 'Manoj'), ('दीपक', 'Deepak'), ('शंकर', 'Shankar'), ('गणेश', 'Ganesh'),
        ('इरफान', 'Irfan'), ('सलीम', 'Salim'), ('रफीक', 'Rafiq'), ('अशोक', 'Ashok'), ('मंगल सिंह', 'Mangal Singh'),
        ('हेमराज', 'Hemraj'), ('देवीसिंह', 'Devisingh'), ('किशनलाल', 'Kishanlal')]
FEMALE = [('सुनीता', 'Sunita'), ('गीता', 'Geeta'), ('सीता', 'Sita'), ('कमला', 'Kamla'), ('शांति', 'Shanti'),
          ('लक्ष्मी', 'Laxmi'), ('रेखा', 'Rekha'), ('पूजा', 'Pooja'), ('ममता', 'Mamta'), ('सविता', 'Savita'),
          ('रामकली', 'Ramkali'), ('कमलाबाई', 'Kamlabai'), ('गायत्री', 'Gayatri'), ('मीना', 'Meena'), ('अनीता', 'Anita'),
          ('सरोज', 'Saroj'), ('शबनम', 'Shabnam'), ('रुखसाना', 'Rukhsana'), ('उषा', 'Usha'), ('विमला', 'Vimla')]
SURNAMES = [('शर्मा', 'Sharma'), ('वर्मा', 'Verma'), ('यादव', 'Yadav'), ('मालवीय', 'Malviya'), ('मीणा', 'Meena'),
            ('राठौर', 'Rathore'), ('परमार', 'Parmar'), ('पटेल', 'Patel'), ('कुशवाहा', 'Kushwaha'), ('विश्वकर्मा', 'Vishwakarma'),
            ('अहिरवार', 'Ahirwar'), ('जाटव', 'Jatav'), ('ठाकुर', 'Thakur'), ('गौर', 'Gour'), ('सेन', 'Sen'),
            ('साहू', 'Sahu'), ('राय', 'Rai'), ('चौहान', 'Chouhan'), ('खान', 'Khan'), ('कुरैशी', 'Qureshi'),
            ('बारेला', 'Barela'), ('उइके', 'Uikey'), ('धुर्वे', 'Dhurve'), ('लोधी', 'Lodhi'), ('गुर्जर', 'Gurjar')]
MUSLIM_FIRST = {'इरफान', 'सलीम', 'रफीक', 'शबनम', 'रुखसाना'}

CODE_OF_CAT = {}


def fmt_date(d, style, with_time=None):
    """One of the forms the portals export: 0 dd-mm-yyyy, 1 dd/mm/yyyy HH:MM, 2 ISO."""
    if style == 0:
        return d.strftime('%d-%m-%Y')
    if style == 1:
        t = with_time or (R.randint(8, 19), R.randint(0, 59))
        return d.strftime('%d/%m/%Y') + ' %02d:%02d' % t
    return d.isoformat()


def fmt_mobile(m, style):
    if style == 0:
        return m
    if style == 1:
        return '+91 %s %s' % (m[:5], m[5:])
    if style == 2:
        return '0%s-%s' % (m[:5], m[5:])
    return '91-' + m


class Person:
    def __init__(self, first, sur, father, female, mobile, village, roman=False, title=None):
        self.first, self.sur, self.father = first, sur, father
        self.female, self.mobile, self.village, self.roman = female, mobile, village, roman
        self.title = title

    def name(self):
        if self.roman:
            n = '%s %s' % (self.first[1], self.sur[1])
        else:
            n = '%s %s' % (self.first[0], self.sur[0])
        if self.title:
            n = self.title + ' ' + n
        return n

    def father_name(self):
        f = self.father
        return ('%s %s' % (f[1], self.sur[1])) if self.roman else ('%s %s' % (f[0], self.sur[0]))


used_mobiles = set()


def new_mobile():
    while True:
        m = R.choice('6789') + ''.join(R.choice('0123456789') for _ in range(9))
        if m not in used_mobiles and len(set(m)) > 2:
            used_mobiles.add(m)
            return m


def new_person(female=None, village=None, roman=None, first=None, sur=None):
    female = R.random() < 0.35 if female is None else female
    first = first or R.choice(FEMALE if female else MALE)
    sur_given = sur
    sur = sur or R.choice(SURNAMES)
    if first[0] in MUSLIM_FIRST and sur_given is None:
        sur = R.choice([('खान', 'Khan'), ('कुरैशी', 'Qureshi'), ('मंसूरी', 'Mansuri')])
    father = R.choice(MALE)
    title = None
    roman = R.random() < 0.25 if roman is None else roman
    if R.random() < 0.25:
        title = ('Smt' if female else 'Shri') if roman else ('श्रीमती' if female else 'श्री')
    return Person(first, sur, father, female, new_mobile(), village or R.choice(VILLAGES), roman, title)


def describe(cat, slots, variant, refile=False, english=False):
    c = CAT[cat]
    if english:
        return c[4].format(**slots) + R.choice(['. Please help.', '. Kindly take action.', '.'])
    core = c[3][variant % 2].format(**slots)
    text = R.choice(OPEN) + (R.choice(REFILE) if refile else '') + core + R.choice(CLOSE)
    return text


def new_slots(village):
    return {'v': village, 'n': R.choice([3, 5, 7, 10, 12, 15, 20]), 'm': R.choice([2, 3, 4, 6, 8]),
            'amt': R.choice([1840, 2350, 3120, 4560, 5210, 7800]), 'kh': '%d/%d' % (R.randint(10, 480), R.randint(1, 9))}


class C:
    """One complaint as the exports show it."""
    seq = 0

    def __init__(self, person, cat, reg, slots=None, variant=0, refile=False, tag='', english=False, village=None):
        self.p = person
        self.name = person.name()
        self.father = person.father_name()
        self.mobile_raw = fmt_mobile(person.mobile, R.choice([0, 0, 0, 1, 2, 3]))
        self.village = village or person.village
        self.tehsil = TEHSIL_OF[self.village]
        self.cat = cat
        self.dept = CAT[cat][1]
        self.slots = slots or new_slots(self.village)
        self.desc = describe(cat, self.slots, variant, refile, english)
        self.reg = reg
        self.reg_time = (R.randint(8, 19), R.randint(0, 59))
        self.tag = tag
        self.prev_cat = ''
        self.cat_change = None
        self.id = ''


def days_of(cat):
    d = CAT[cat][2]
    return d if d else (7, 7, 15, 30, 30)


def officer_id(dept, level, tehsil):
    code = DEPT_CODE[dept]
    if level == 1:
        return 'SEH-%s-L1-%02d' % (code, [t for t, _ in TEHSILS].index(tehsil) + 1)
    if level == 4:
        return 'MP-%s-L4' % code
    return 'SEH-%s-L%d' % (code, level)


def settle_state(c, snap):
    """Level, status, dates as of snap, from a simple model of the helpline."""
    age = (snap - c.reg).days
    lim = days_of(c.cat)
    closes_after = int(R.expovariate(1 / 45.0))
    level, since, t = 1, c.reg, 0
    horizon = min(age, closes_after)
    while level < 4 and t + lim[level - 1] < horizon:
        if level == 3 and R.random() < 0.5:
            break  # L3 -> L4 is manual
        t += lim[level - 1]
        level += 1
        since = c.reg + dt.timedelta(days=t)
    c.level, c.since = level, since
    c.closed = None
    c.satisfaction = ''
    if closes_after < age:
        c.closed = c.reg + dt.timedelta(days=closes_after)
        c.status = R.choices(['sat', 'low', 'force', 'special', 'ooj'], [55, 15, 15, 5, 4])[0]
        if c.status == 'ooj':
            c.level = 4
            c.since = max(c.since, c.closed - dt.timedelta(days=2))
        c.satisfaction = {'sat': 'संतुष्ट', 'low': 'असंतुष्ट'}.get(c.status, '')
    else:
        c.status = R.choices(['open', 'attended', 'non'], [60, 25, 15])[0]
    c.officer = officer_id(c.dept, c.level, c.tehsil)


STATUS_WORDS = {
    'open': ['लंबित', 'Pending', 'Open'], 'attended': ['अटेंडेड', 'Attended'],
    'non': ['नॉन अटेंडेड', 'Non Attended'], 'sat': ['संतुष्टि के साथ बंद', 'Closed with satisfaction'],
    'low': ['असंतुष्टि के साथ बंद', 'Closed with low quality'], 'force': ['फोर्स क्लोज', 'Force Close'],
    'special': ['विशेष क्लोज', 'Special Close'], 'ooj': ['कार्यक्षेत्र से बाहर', 'Out of Jurisdiction'],
}
SAT_EN = {'संतुष्ट': 'Satisfied', 'असंतुष्ट': 'Not Satisfied', '': ''}


def level_word(level):
    return R.choice(['L%d' % level, 'L%d' % level, 'लेवल-%d' % level, 'एल-%d' % level, '%d' % level])


def rand_date(lo=FIRST_DAY, hi=SNAP1):
    return lo + dt.timedelta(days=R.randint(0, (hi - lo).days))


# ---------------------------------------------------------------- complaints
complaints = []
groups = []     # (kind, label, [complaints], note)
negatives = []  # (kind, label, [complaints], note)


def add(c):
    complaints.append(c)
    return c


def dup_group(kind, label, size, mutate, note):
    p = new_person()
    cat = R.choice(CATS)[0]
    first = rand_date(FIRST_DAY, SNAP1 - dt.timedelta(days=40))
    slots = new_slots(p.village)
    members = [add(C(p, cat, first, slots, 0, tag=kind))]
    for k in range(1, size):
        q = mutate(p, k)
        reg = first + dt.timedelta(days=R.randint(3, 35) * k)
        members.append(add(C(q, cat, min(reg, SNAP1), slots, k, refile=R.random() < 0.6, tag=kind)))
    groups.append((kind, label, members, note))


def same(p, k):
    return p


def other_mobile(p, k):
    return Person(p.first, p.sur, p.father, p.female, new_mobile(), p.village, p.roman, p.title)


def typo(old, new):
    """A person whose first name is spelled new[0] (Devanagari) instead of old."""
    def m(p, k):
        return Person((new[0], p.first[1]), p.sur, p.father, p.female, p.mobile, p.village, p.roman, p.title)
    return m


for i in range(6):
    dup_group('R1', 'R1-%d' % (i + 1), 3 if i == 0 else 2, same, 'same name and mobile')
for i in range(5):
    dup_group('R2', 'R2-%d' % (i + 1), 3 if i == 1 else 2, other_mobile, 'same name, other mobile')

# R3: each a named typing mistake (first name spelled differently), same mobile
R3_CASES = [
    (('सुनीता', 'Sunita'), ['सुनिता', 'सूनीता'], 'ि/ी then ु/ू', True),
    (('रमेश', 'Ramesh'), ['रमेस'], 'श/स', False),
    (('राजेश', 'Rajesh'), ['रजेश'], 'ा dropped', False),
    (('संजय', 'Sanjay'), ['सन्जय'], 'ं/न्', False),
    (('कमलेश', 'Kamlesh'), ['कमलेस'], 'श/स', False),
    (('लक्ष्मी', 'Laxmi'), ['लक्ष्मि'], 'ी/ि', True),
]
for i, (first, variants, note, female) in enumerate(R3_CASES):
    p = new_person(female=female, first=first, roman=False)
    p.title = None
    cat = R.choice(CATS)[0]
    start = rand_date(FIRST_DAY, SNAP1 - dt.timedelta(days=40))
    slots = new_slots(p.village)
    members = [add(C(p, cat, start, slots, 0, tag='R3'))]
    for k, v in enumerate(variants, 1):
        q = Person((v, first[1]), p.sur, p.father, p.female, p.mobile, p.village, False, None)
        members.append(add(C(q, cat, start + dt.timedelta(days=5 + 11 * k), slots, k, refile=True, tag='R3')))
    groups.append(('R3', 'R3-%d' % (i + 1), members, 'typing mistake: ' + note))
# R3 across scripts: Devanagari vs romanised spelling of the same person
for i in range(2):
    p = new_person(roman=False)
    p.title = None
    cat = R.choice(CATS)[0]
    start = rand_date(FIRST_DAY, SNAP1 - dt.timedelta(days=40))
    slots = new_slots(p.village)
    a = add(C(p, cat, start, slots, 0, tag='R3'))
    q = Person(p.first, p.sur, p.father, p.female, p.mobile, p.village, True, None)
    b = add(C(q, cat, start + dt.timedelta(days=9), slots, 1, refile=True, tag='R3'))
    groups.append(('R3', 'R3-%d' % (7 + i), [a, b], 'Devanagari vs romanised name'))
# one R3 written as the portal's clerks do: upper case with Kr.
p = new_person(first=('रमेश', 'Ramesh'), sur=('मालवीय', 'Malviya'), female=False, roman=True)
p.title = None
cat = 'राशन नहीं मिलना'
start = dt.date(2026, 9, 14)
slots = new_slots(p.village)
a = add(C(p, cat, start, slots, 0, tag='R3'))
a.name = 'Ramesh Kumar Malviya'
b = add(C(p, cat, start + dt.timedelta(days=20), slots, 1, refile=True, tag='R3'))
b.name = 'RAMESH KR. MALVIYA'
groups.append(('R3', 'R3-9', [a, b], 'romanised: Kumar vs KR., upper case'))

# hard negatives
for i in range(2):  # family sharing one mobile
    p = new_person(female=False, roman=False)
    q = new_person(female=True, roman=False, sur=p.sur, village=p.village)
    q.mobile = p.mobile
    cat = R.choice(CATS)[0]
    d = rand_date(FIRST_DAY, SNAP1 - dt.timedelta(days=30))
    a = add(C(p, cat, d, tag='neg_family'))
    cat2 = cat if i == 0 else R.choice(CATS)[0]
    b = add(C(q, cat2, d + dt.timedelta(days=6), a.slots if i == 0 else None, 1, tag='neg_family'))
    negatives.append(('neg_family', 'F-%d' % (i + 1), [a, b],
                      'husband and wife, one mobile, ' + ('same grievance' if i == 0 else 'other grievance')))
for i, cat in enumerate(['ट्रांसफार्मर खराब', 'हैंडपंप खराब']):  # neighbours
    village = R.choice(VILLAGES[:20])
    slots = new_slots(village)
    d = rand_date(FIRST_DAY, SNAP1 - dt.timedelta(days=30))
    mem = [add(C(new_person(village=village), cat, d + dt.timedelta(days=2 * k), slots, k, tag='neg_neighbour'))
           for k in range(3)]
    negatives.append(('neg_neighbour', 'N-%d' % (i + 1), mem, 'three villagers, same %s problem' % cat))
for i in range(2):  # same complainant, other grievance
    p = new_person()
    d = rand_date(FIRST_DAY, SNAP1 - dt.timedelta(days=30))
    c1, c2 = R.sample(CATS, 2)
    a = add(C(p, c1[0], d, tag='neg_other_grievance'))
    b = add(C(p, c2[0], d + dt.timedelta(days=4), tag='neg_other_grievance'))
    negatives.append(('neg_other_grievance', 'G-%d' % (i + 1), [a, b], 'same person, %s vs %s' % (c1[0], c2[0])))
for i in range(2):  # namesakes
    p = new_person(roman=False)
    p.title = None
    q = new_person(female=p.female, first=p.first, sur=p.sur, roman=False)
    q.title = None
    while q.village == p.village:
        q.village = R.choice(VILLAGES)
    while q.father == p.father:
        q.father = R.choice(MALE)
    cat = R.choice(CATS)[0]
    d = rand_date(FIRST_DAY, SNAP1 - dt.timedelta(days=30))
    a = add(C(p, cat, d, tag='neg_namesake'))
    b = add(C(q, cat, d + dt.timedelta(days=12), tag='neg_namesake'))
    negatives.append(('neg_namesake', 'S-%d' % (i + 1), [a, b], 'same name and category, other father, mobile, village'))
for i in range(2):  # same person and grievance, more than 90 days apart
    p = new_person()
    cat = R.choice(CATS)[0]
    d = FIRST_DAY + dt.timedelta(days=R.randint(0, 8))
    a = add(C(p, cat, d, tag='neg_far'))
    b = add(C(p, cat, d + dt.timedelta(days=R.randint(100, 106)), a.slots, 1, refile=True, tag='neg_far'))
    negatives.append(('neg_far', 'T-%d' % (i + 1), [a, b], '%d days apart' % (b.reg - a.reg).days))
placeholder = []
for i in range(4):  # unrelated people with the placeholder mobile
    c = add(C(new_person(), R.choice(CATS)[0], rand_date(), tag='placeholder'))
    c.mobile_raw = '9999999999'
    placeholder.append(c)
negatives.append(('neg_placeholder', 'P-1', placeholder, 'different people, placeholder mobile 9999999999'))

n_planted = len(complaints)
while len(complaints) < 300:
    cat = UNKNOWN_CAT[0] if len(complaints) % 37 == 0 else R.choice(CATS)[0]
    add(C(new_person(), cat, rand_date(), english=R.random() < 0.08))
# a few romanised names with S/O in the name field, damaged mobiles
extras = [c for c in complaints[n_planted:] if not c.tag]
for c in extras[:3]:
    c.name = '%s %s S/O %s' % (c.p.first[1], c.p.sur[1], c.p.father[1])
    c.father = ''
for c in extras[3:6]:
    c.mobile_raw = '%.2E' % float(c.p.mobile)

complaints.sort(key=lambda c: (c.reg, c.reg_time))
for i, c in enumerate(complaints):
    c.id = 'CMH-2026-%07d' % (1000 + i * 7 + 1)
    settle_state(c, SNAP1)

# category changes: one by L1 within 3 days, later ones go in the movement log
change_ok = next(c for c in complaints if c.reg >= SNAP1 - dt.timedelta(days=4) and not c.tag)
change_late = next(c for c in complaints if dt.date(2026, 11, 5) <= c.reg <= dt.date(2026, 11, 15) and not c.tag
                   and c.level == 1 and c is not change_ok)
change_l2 = next(c for c in complaints if c.level == 2 and c.status == 'open' and not c.tag)
for c, days in ((change_ok, 1), (change_late, 9), (change_l2, None)):
    old = c.cat
    c.cat = R.choice([x[0] for x in CATS if x[1] == c.dept and x[0] != old] or [old])
    if c.cat == old:
        c.cat = next(x[0] for x in CATS if x[0] != old)
        c.dept = CAT[c.cat][1]
    c.prev_cat = old
    c.cat_change = c.reg + dt.timedelta(days=days) if days else c.since + dt.timedelta(days=2)
    c.cat_change = min(c.cat_change, SNAP1)
    c.officer = officer_id(c.dept, c.level, c.tehsil)
ooj_l4 = next(c for c in complaints if c.status == 'ooj' and not c.tag)
ooj_l2 = next(c for c in complaints if c.level == 2 and c.status == 'open' and not c.tag and c is not change_l2)
ooj_l2.status = 'ooj'
ooj_l2.closed = SNAP1 - dt.timedelta(days=1)
ooj_back = next(c for c in complaints if c.level == 4 and c.status == 'open' and not c.tag)
ooj_back.status = 'open'
ooj_back.level = 3
ooj_back.closed = None
ooj_back.officer = officer_id(ooj_back.dept, 3, ooj_back.tehsil)


def row_hi(c):
    """The night-1 export row (Hindi headers), mixing the forms clerks see."""
    st = R.choice(STATUS_WORDS[c.status])
    return [c.id, fmt_date(c.reg, R.choice([0, 1, 2]), c.reg_time), c.name, c.father, c.mobile_raw, 'सीहोर',
            c.tehsil, c.village, c.dept, c.cat, c.desc, level_word(c.level), st, c.officer,
            fmt_date(c.since, R.choice([0, 2])), fmt_date(c.closed, 0) if c.closed else '', c.satisfaction,
            c.prev_cat, fmt_date(c.cat_change, 0) if c.cat_change else '']


HI_HEAD = ['शिकायत क्रमांक', 'दर्ज दिनांक', 'शिकायतकर्ता का नाम', 'पिता/पति का नाम', 'मोबाइल नंबर', 'जिला', 'तहसील',
           'ग्राम/वार्ड', 'विभाग', 'शिकायत का प्रकार', 'शिकायत का विवरण', 'वर्तमान स्तर', 'वर्तमान स्थिति', 'अधिकारी',
           'वर्तमान स्तर पर दिनांक', 'बंद दिनांक', 'संतुष्टि', 'पूर्व प्रारूप', 'प्रारूप परिवर्तन दिनांक']
EN_HEAD = ['Complaint No', 'Registration Date', 'Complainant Name', 'Father/Husband Name', 'Mobile No', 'District',
           'Tehsil', 'Village/Ward', 'Department', 'Category', 'Description', 'Current Level', 'Status', 'Officer ID',
           'Current Level Since', 'Closing Date', 'Satisfaction', 'Previous Category', 'Category Change Date']


def csv_line(fields, eol):
    buf = io.StringIO()
    csv.writer(buf, lineterminator=eol, quoting=csv.QUOTE_MINIMAL).writerow(fields)
    return buf.getvalue().encode('utf-8')


# bad rows: (reason, column, how to spoil a fresh row)
def bad(reason, column, spoil):
    p = new_person()
    c = C(p, R.choice(CATS)[0], rand_date(dt.date(2026, 10, 1)))
    settle_state(c, SNAP1)
    return reason, column, c, spoil


BAD_START = 9000001
BAD = [
    bad('empty complaint id', 'शिकायत क्रमांक', lambda r: r.__setitem__(0, '')),
    bad('date 31-02-2026 does not exist', 'दर्ज दिनांक', lambda r: r.__setitem__(1, '31-02-2026')),
    bad('date "kal" is not a date', 'दर्ज दिनांक', lambda r: r.__setitem__(1, 'kal')),
    bad('date 32/11/2026 does not exist', 'दर्ज दिनांक', lambda r: r.__setitem__(1, '32/11/2026 10:15')),
    bad('unknown status "प्रक्रियाधीन xyz"', 'वर्तमान स्थिति', lambda r: r.__setitem__(12, 'प्रक्रियाधीन xyz')),
    bad('unknown status "Under Process ABC"', 'वर्तमान स्थिति', lambda r: r.__setitem__(12, 'Under Process ABC')),
    bad('unknown level "L9"', 'वर्तमान स्तर', lambda r: r.__setitem__(11, 'L9')),
    bad('unknown level "लेवल-7"', 'वर्तमान स्तर', lambda r: r.__setitem__(11, 'लेवल-7')),
    bad('20 fields instead of 19 (unquoted comma in the description)', 'शिकायत का विवरण', None),
    bad('invalid UTF-8 in the name', 'शिकायतकर्ता का नाम', None),
]
for i, (_, _, c, _) in enumerate(BAD):
    c.id = 'CMH-2026-%07d' % (BAD_START + i)

# ---------------------------------------------------------------- night 1
BAD_AT = [17, 43, 71, 98, 130, 152, 188, 215, 247, 280]  # index among data rows before which a bad row goes
lines = [csv_line(HI_HEAD, '\r\n')]
bad_table = []
line_of = {}
multiline = complaints[60]
multiline.desc = multiline.desc.rstrip('।') + '\r\nदूसरी पंक्ति: गांव के सरपंच को भी बताया था।'
physical = 2
bi = 0
for i, c in enumerate(complaints):
    while bi < len(BAD) and BAD_AT[bi] == i:
        reason, col, bc, spoil = BAD[bi]
        r = row_hi(bc)
        if spoil:
            spoil(r)
            data = csv_line(r, '\r\n')
        elif 'fields' in reason:
            r[10] = r[10].replace(',', ' ').rstrip('।')
            data = csv_line(r[:11] + [' बहुत परेशानी है'] + r[11:], '\r\n')
        else:
            data = csv_line(r, '\r\n').replace(bc.name.encode(), bc.name.encode()[:4] + b'\xff\xfe' +
                                               bc.name.encode()[4:], 1)
        lines.append(data)
        bad_table.append((physical, bc.id if 'empty' not in reason else '(empty)', col, reason))
        physical += 1
        bi += 1
    data = csv_line(row_hi(c), '\r\n')
    line_of[c.id] = physical
    lines.append(data)
    physical += data.count(b'\n')
with open(OUT + 'complaints-2026-11-26.csv', 'wb') as f:
    f.write(b'\xef\xbb\xbf' + b''.join(lines))

counts = {}
for c in complaints:
    counts[c.status] = counts.get(c.status, 0) + 1

# ---------------------------------------------------------------- night 2
changes = []   # (id, what)
movements = []  # rows of the movement log
open_l1 = [c for c in complaints if c.level == 1 and c.status in ('open', 'non', 'attended') and not c.tag
           and c not in (change_ok, change_late)]
open_l2 = [c for c in complaints if c.level == 2 and c.status in ('open', 'non', 'attended') and not c.tag
           and c not in (change_l2, ooj_l2)]
open_any = [c for c in complaints if c.status in ('open', 'attended') and c.tag in ('', 'R1', 'R2')]
R.shuffle(open_l1)
R.shuffle(open_l2)
R.shuffle(open_any)
touched = set()


def mv(c, date, action, fl, tl, fo, to, old='', new='', remark=''):
    movements.append([c.id, fmt_date(date, 1), action, 'L%d' % fl if fl else '', 'L%d' % tl if tl else '',
                      fo, to, old, new, remark])


for c in open_l1[:10]:
    fo = c.officer
    c.level, c.since, c.status = 2, SNAP2, 'open'
    c.officer = officer_id(c.dept, 2, c.tehsil)
    touched.add(c.id)
    changes.append((c.id, 'escalated L1→L2'))
    mv(c, SNAP2, R.choice(['escalated', 'अग्रेषित']), 1, 2, fo, c.officer, remark='समय-सीमा समाप्त')
for c in open_l2[:6]:
    fo = c.officer
    c.level, c.since, c.status = 3, SNAP2, 'open'
    c.officer = officer_id(c.dept, 3, c.tehsil)
    touched.add(c.id)
    changes.append((c.id, 'escalated L2→L3'))
    mv(c, SNAP2, R.choice(['escalated', 'अग्रेषित']), 2, 3, fo, c.officer, remark='समय-सीमा समाप्त')
closers = [c for c in open_any if c.id not in touched][:10]
for c in closers:
    c.status = R.choice(['sat', 'sat', 'low', 'force'])
    c.closed = SNAP2
    c.satisfaction = {'sat': 'संतुष्ट', 'low': 'असंतुष्ट'}.get(c.status, '')
    touched.add(c.id)
    changes.append((c.id, 'closed (%s)' % STATUS_WORDS[c.status][1]))
    mv(c, SNAP2, R.choice(['attended', 'अटेंडेड']), c.level, c.level, c.officer, c.officer, remark='स्थल निरीक्षण किया')
    mv(c, SNAP2, R.choice(['closed', 'बंद']), c.level, c.level, c.officer, '', remark=STATUS_WORDS[c.status][1])
transfers = [c for c in open_l1[10:] if c.id not in touched][:4]
for c in transfers:
    fo = c.officer
    others = [t for t, _ in TEHSILS if t != c.tehsil]
    c.officer = officer_id(c.dept, 1, R.choice(others))
    touched.add(c.id)
    changes.append((c.id, 'officer changed %s→%s' % (fo, c.officer)))
    mv(c, SNAP2, R.choice(['transferred', 'स्थानांतरित']), 1, 1, fo, c.officer, remark='अतिरिक्त प्रभार')

# the rule cases of the movement log
mv(change_ok, change_ok.cat_change, 'प्रारूप परिवर्तन', 1, 1, change_ok.officer, change_ok.officer,
   change_ok.prev_cat, change_ok.cat, 'गलत प्रारूप में दर्ज')
mv(change_late, change_late.cat_change, 'category changed', 1, 1, change_late.officer, change_late.officer,
   change_late.prev_cat, change_late.cat, 'late change')
mv(change_l2, change_l2.cat_change, 'प्रारूप परिवर्तन', 2, 2, change_l2.officer, change_l2.officer,
   change_l2.prev_cat, change_l2.cat, 'L2 द्वारा परिवर्तन')
mv(ooj_l4, ooj_l4.closed, 'कार्यक्षेत्र से बाहर', 4, 4, ooj_l4.officer, '', remark='अन्य विभाग से संबंधित')
mv(ooj_l2, ooj_l2.closed, 'out of jurisdiction', 2, 2, ooj_l2.officer, '', remark='अन्य विभाग से संबंधित')
l3 = officer_id(ooj_back.dept, 3, ooj_back.tehsil)
l4 = officer_id(ooj_back.dept, 4, ooj_back.tehsil)
mv(ooj_back, SNAP1 - dt.timedelta(days=3), 'escalated', 3, 4, l3, l4, remark='मैनुअल अग्रेषण')
mv(ooj_back, SNAP1 - dt.timedelta(days=1), 'कार्यक्षेत्र से बाहर', 4, 3, l4, l3, remark='वापस उसी अधिकारी को')
ret = next(c for c in open_l2[6:] if c.id not in touched)
l1 = officer_id(ret.dept, 1, ret.tehsil)
mv(ret, SNAP2, 'returned', 2, 1, ret.officer, l1, remark='पुनः जांच हेतु वापस')
ret.level, ret.since, ret.officer = 1, SNAP2, l1
touched.add(ret.id)
changes.append((ret.id, 'returned L2→L1'))

# new complaints of night 2: 19 fresh ones and one duplicate of a night-1 complaint
new = []
for i in range(19):
    c = C(new_person(), R.choice(CATS)[0], SNAP2 - dt.timedelta(days=R.randint(0, 1)))
    new.append(c)
orig = next(c for c in complaints if not c.tag and c.status == 'open' and c.reg >= dt.date(2026, 11, 1))
dup2 = C(orig.p, orig.cat, SNAP2, orig.slots, 1, refile=True, tag='R1')
dup2.name = orig.name
dup2.mobile_raw = orig.mobile_raw
new.append(dup2)
groups.append(('R1', 'R1-N2', [orig, dup2], 'night 2: re-filed a night-1 complaint'))
for i, c in enumerate(new):
    c.id = 'CMH-2026-%07d' % (3100 + i * 3)
    settle_state(c, SNAP2)
    c.level, c.since, c.status, c.closed, c.satisfaction = 1, c.reg, 'open', None, ''
    c.officer = officer_id(c.dept, 1, c.tehsil)


def row_en(c):
    return [c.id, fmt_date(c.reg, 1, c.reg_time), c.name, c.father, c.mobile_raw, 'Sehore', c.tehsil, c.village,
            c.dept, c.cat, c.desc, 'L%d' % c.level, STATUS_WORDS[c.status][1], c.officer, fmt_date(c.since, 0),
            fmt_date(c.closed, 0) if c.closed else '', SAT_EN[c.satisfaction], c.prev_cat,
            fmt_date(c.cat_change, 0) if c.cat_change else '']


with open(OUT + 'complaints-2026-11-27.csv', 'wb') as f:
    f.write(csv_line(EN_HEAD, '\n'))
    for c in complaints + new:
        f.write(csv_line(row_en(c), '\n'))

MV_HEAD = ['शिकायत क्रमांक', 'कार्यवाही दिनांक', 'कार्यवाही', 'से स्तर', 'को स्तर', 'से अधिकारी', 'को अधिकारी',
           'पुराना प्रारूप', 'नया प्रारूप', 'टिप्पणी']
with open(OUT + 'movements-2026-11-27.csv', 'wb') as f:
    f.write(csv_line(MV_HEAD, '\n'))
    for m in movements:
        f.write(csv_line(m, '\n'))

# ---------------------------------------------------------------- masters
with open(OUT + 'categories.csv', 'wb') as f:
    f.write(csv_line(['Category', 'Department', 'L1 Days', 'L2 Days', 'L3 Days', 'L4 Days', 'L5 Days'], '\n'))
    for c in CATS:
        f.write(csv_line([c[0], c[1]] + [str(d) for d in c[2]], '\n'))

officers = []
omob = set()
for dept, code, des in DEPTS:
    for ti, (t, _) in enumerate(TEHSILS):
        officers.append([officer_id(dept, 1, t), None, des[0], '1', dept, 'सीहोर', None, officer_id(dept, 2, t)])
    officers.append([officer_id(dept, 2, ''), None, des[1], '2', dept, 'सीहोर', None, officer_id(dept, 3, '')])
    officers.append([officer_id(dept, 3, ''), None, des[2], '3', dept, 'सीहोर', None, officer_id(dept, 4, '')])
    officers.append([officer_id(dept, 4, ''), None, des[3], '4', dept, 'भोपाल (राज्य)', None, ''])
for o in officers:
    p = new_person(roman=False)
    o[1] = '%s %s' % (p.first[0], p.sur[0])
    o[6] = p.mobile
officer_dq = []
o = officers[3]
o[6] = '98260123'
officer_dq.append((o[0], 'invalid mobile (8 digits)'))
a, b = officers[12], officers[30]
b[6] = a[6]
officer_dq.append((a[0] + ', ' + b[0], 'share one mobile ' + a[6]))
o = officers[45]
o[6] = ''
officer_dq.append((o[0], 'no mobile'))
o = officers[60]
victim = next(c for c in complaints if not c.tag and c.mobile_raw.isdigit())
o[6] = victim.p.mobile
officer_dq.append((o[0], "mobile equals complainant's mobile (%s)" % victim.id))
with open(OUT + 'officers.csv', 'wb') as f:
    f.write(csv_line(['Officer ID', 'Name', 'Designation', 'Level', 'Department', 'District', 'Mobile',
                      'Reports To'], '\n'))
    for o in officers:
        f.write(csv_line(o, '\n'))

# ---------------------------------------------------------------- truth and README tables
with open(OUT + 'complaints-truth.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['complaint_id', 'group', 'kind', 'line_night1'])
    seen = set()
    for kind, label, mem, _ in groups + negatives:
        for c in mem:
            w.writerow([c.id, label, kind, line_of.get(c.id, '')])
            seen.add(c.id)

t = []
t.append('### Bad rows of complaints-2026-11-26.csv\n')
t.append('| line | complaint id | column | why it is bad |')
t.append('|---|---|---|---|')
for ln, cid, col, why in bad_table:
    t.append('| %d | %s | %s | %s |' % (ln, cid, col, why))
t.append('\nLine %d holds complaint %s, whose description has a line break inside quotes: the '
         'record spans lines %d-%d and is good.\n' % (line_of[multiline.id], multiline.id,
                                                       line_of[multiline.id], line_of[multiline.id] + 1))
t.append('### Planted duplicate groups (should be proposed for merging)\n')
t.append('| group | rule | complaint ids (first = primary) | names | what differs |')
t.append('|---|---|---|---|---|')
for kind, label, mem, note in groups:
    t.append('| %s | %s | %s | %s | %s |' % (label, kind, ' '.join(c.id for c in mem),
                                            ' / '.join(dict.fromkeys(c.name for c in mem)), note))
t.append('\n### Hard negatives (must not be proposed)\n')
t.append('| set | kind | complaint ids | what they share, what differs |')
t.append('|---|---|---|---|')
for kind, label, mem, note in negatives:
    t.append('| %s | %s | %s | %s |' % (label, kind, ' '.join(c.id for c in mem), note))
t.append('\n### Night 2 changes (complaints-2026-11-27.csv against night 1)\n')
t.append('| complaint id | change |')
t.append('|---|---|')
for cid, what in changes:
    t.append('| %s | %s |' % (cid, what))
t.append('| %s … %s | 20 new complaints (every third number); %s re-files %s (group R1-N2) |' %
         (new[0].id, new[-1].id, dup2.id, orig.id))
t.append('\n### Rule cases of movements-2026-11-27.csv\n')
t.append('| complaint id | case | expected |')
t.append('|---|---|---|')
for c, case, exp in [
        (change_ok, 'category changed by L1 on day %d after registration' % (change_ok.cat_change - change_ok.reg).days, 'allowed; time limit from the new category'),
        (change_late, 'category changed by L1 %d days after registration' % (change_late.cat_change - change_late.reg).days, 'violation (late change)'),
        (change_l2, 'category changed by the L2 officer', 'violation (not L1)'),
        (ooj_l4, 'out of jurisdiction marked at L4', 'allowed'),
        (ooj_l2, 'out of jurisdiction marked at L2', 'violation (below L4)'),
        (ooj_back, 'escalated L3→L4, then sent back by L4 to the same L3 officer as out of jurisdiction', 'violation (back to same lower officer)'),
        (ret, 'returned by L2 to L1', 'a movement, not a violation')]:
    t.append('| %s | %s | %s |' % (c.id, case, exp))
t.append('\nThe other rows are the night-2 escalations, transfers, attended marks and closures listed above.\n')
t.append('### Officer data-quality problems (officers.csv)\n')
t.append('| officer id | problem |')
t.append('|---|---|')
for oid, why in officer_dq:
    t.append('| %s | %s |' % (oid, why))
t.append('\n### Other things to find\n')
unk = [c.id for c in complaints if c.cat == UNKNOWN_CAT[0]]
t.append('- Category "%s" is used by %d complaints (%s) but is not in categories.csv.' %
         (UNKNOWN_CAT[0], len(unk), ', '.join(unk)))
dmg = [c.id for c in complaints if 'E+' in c.mobile_raw]
t.append('- Damaged mobiles (scientific notation): %s.' % ', '.join(dmg))
t.append('- Names with S/O inside the name field: %s.' %
         ', '.join(c.id for c in complaints if 'S/O' in c.name))
t.append('- Night 1: %d data records (%d good + %d bad); night 2: %d records, all good.' %
         (len(complaints) + len(BAD), len(complaints), len(BAD), len(complaints) + len(new)))
t.append('- Night-1 status counts of the good rows (canonical): ' +
         ', '.join('%s %d' % (k, counts[k]) for k in sorted(counts)) + '.')
tables = '\n'.join(t) + '\n'

with open(OUT + 'README.md', encoding='utf-8') as f:
    readme = f.read()
start = readme.index('<!-- tables:begin -->') + len('<!-- tables:begin -->\n')
end = readme.index('<!-- tables:end -->')
with open(OUT + 'README.md', 'w', encoding='utf-8') as f:
    f.write(readme[:start] + tables + readme[end:])
