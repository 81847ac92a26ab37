#include "names.hpp"

namespace sim {

namespace {

struct Romanized {
    std::string_view hangul;
    std::string_view roman;
};

const std::vector<Romanized> &company_stems() {
    static const std::vector<Romanized> stems = {
        {"한빛", "hanbit"},     {"대성", "daesung"},  {"미래", "mirae"},   {"동양", "dongyang"},
        {"삼정", "samjung"},    {"세종", "sejong"},   {"하나", "hana"},    {"태양", "taeyang"},
        {"금강", "geumgang"},   {"신한", "shinhan"},  {"우리", "woori"},   {"청솔", "cheongsol"},
        {"푸른", "pureun"},     {"다온", "daon"},     {"가람", "garam"},   {"누리", "nuri"},
        {"한결", "hangyeol"},   {"새벽", "saebyeok"}, {"백두", "baekdu"},  {"한라", "halla"},
        {"정우", "jungwoo"},    {"서진", "seojin"},   {"아름", "areum"},   {"제일", "jeil"},
        {"명성", "myungsung"},  {"성원", "sungwon"},  {"동아", "donga"},   {"효성", "hyosung"},
        {"진영", "jinyoung"},   {"태평", "taepyung"}, {"코리아", "korea"}, {"글로벌", "global"},
        {"에이스", "ace"},      {"스마트", "smart"},  {"유니", "uni"},     {"한국", "hankook"},
        {"대한", "daehan"},     {"서울", "seoul"},    {"부산", "busan"},   {"인천", "incheon"},
        {"광명", "gwangmyung"}, {"화성", "hwasung"},  {"소망", "somang"},  {"일진", "iljin"},
        {"경동", "kyungdong"},  {"대원", "daewon"},   {"상록", "sangrok"}, {"혜성", "hyesung"},
    };
    return stems;
}

// Suffixes fitting each 업태; picked by the industry's first letter of 업태 below.
const std::vector<Romanized> &company_suffixes() {
    static const std::vector<Romanized> suffixes = {
        {"테크", "tech"},      {"산업", "ind"},        {"상사", "corp"},  {"정밀", "precision"},
        {"물산", "trading"},   {"전자", "elec"},       {"시스템", "sys"}, {"건설", "const"},
        {"유통", "dist"},      {"솔루션", "sol"},      {"기술", "tech"},  {"엔지니어링", "eng"},
        {"컴퍼니", "company"}, {"인터내셔널", "intl"}, {"푸드", "food"},  {"물류", "logis"},
    };
    return suffixes;
}

const std::vector<Romanized> &surnames() {
    static const std::vector<Romanized> names = {
        {"김", "kim"},   {"이", "lee"}, {"박", "park"}, {"최", "choi"}, {"정", "jung"},
        {"강", "kang"},  {"조", "cho"}, {"윤", "yoon"}, {"장", "jang"}, {"임", "lim"},
        {"한", "han"},   {"오", "oh"},  {"서", "seo"},  {"신", "shin"}, {"권", "kwon"},
        {"황", "hwang"}, {"안", "ahn"}, {"송", "song"}, {"류", "ryu"},  {"홍", "hong"},
    };
    return names;
}

const std::vector<Romanized> &given_names() {
    static const std::vector<Romanized> names = {
        {"민준", "minjun"},   {"서준", "seojun"},   {"도윤", "doyun"},    {"예준", "yejun"},
        {"시우", "siwoo"},    {"하준", "hajun"},    {"지호", "jiho"},     {"주원", "juwon"},
        {"서연", "seoyeon"},  {"서윤", "seoyun"},   {"지우", "jiwoo"},    {"하은", "haeun"},
        {"민서", "minseo"},   {"지민", "jimin"},    {"수빈", "subin"},    {"영호", "youngho"},
        {"성민", "sungmin"},  {"정훈", "junghoon"}, {"현주", "hyunju"},   {"미경", "mikyung"},
        {"상철", "sangchul"}, {"은정", "eunjung"},  {"동현", "donghyun"}, {"혜진", "hyejin"},
        {"재원", "jaewon"},   {"경수", "kyungsoo"}, {"순자", "soonja"},   {"광수", "kwangsoo"},
    };
    return names;
}

struct City {
    std::string_view name;
    std::vector<std::string_view> districts;
};

const std::vector<City> &cities() {
    static const std::vector<City> list = {
        {"서울특별시",
         {"강남구", "서초구", "영등포구", "마포구", "금천구", "구로구", "성동구", "중구"}},
        {"부산광역시", {"해운대구", "사상구", "강서구", "부산진구"}},
        {"인천광역시", {"남동구", "서구", "연수구"}},
        {"대구광역시", {"달서구", "북구", "수성구"}},
        {"대전광역시", {"유성구", "대덕구"}},
        {"광주광역시", {"광산구", "북구"}},
        {"경기도",
         {"성남시 분당구", "수원시 영통구", "화성시", "안산시 단원구", "용인시 기흥구",
          "고양시 일산동구", "평택시"}},
        {"경상남도", {"창원시 성산구", "김해시"}},
        {"충청북도", {"청주시 흥덕구", "충주시"}},
    };
    return list;
}

const std::vector<std::string_view> &roads() {
    static const std::vector<std::string_view> list = {
        "테헤란로", "세종대로", "디지털로", "가산디지털1로", "판교역로", "산업로", "중앙로",
        "공단로",   "첨단로",   "번영로",   "대학로",        "시청로",   "역삼로", "양재대로",
    };
    return list;
}

} // namespace

const std::vector<Industry> &industries() {
    static const std::vector<Industry> list = {
        {"제조업",
         "전자부품",
         false,
         {{"인쇄회로기판(PCB)", "FR-4 1.6T", 1200, 85000, 5000},
          {"커넥터", "2.54mm 40P", 80, 3500, 20000},
          {"칩 저항", "0603 10kΩ", 3, 40, 100000},
          {"전원 모듈", "DC 24V 5A", 18000, 240000, 500},
          {"금형 수리", "", 300000, 8000000, 0}}},
        {"제조업",
         "기계부품",
         false,
         {{"베어링", "6205ZZ", 2100, 45000, 2000},
          {"유압 실린더", "Ø50×200", 180000, 1900000, 40},
          {"CNC 가공품", "SUS304", 5000, 320000, 3000},
          {"감속기", "1/30", 250000, 3800000, 20}}},
        {"도매 및 소매업",
         "사무용품",
         false,
         {{"A4 복사용지", "80g 2500매", 21000, 32000, 300},
          {"토너 카트리지", "CF283A", 45000, 160000, 60},
          {"사무용 의자", "메쉬형", 89000, 450000, 40},
          {"볼펜", "0.7mm 12입", 3500, 9800, 500}}},
        {"도매 및 소매업",
         "컴퓨터 및 주변기기",
         false,
         {{"노트북", "15.6인치 i5", 890000, 2400000, 50},
          {"모니터", "27인치 QHD", 210000, 690000, 80},
          {"SSD", "1TB NVMe", 78000, 190000, 200},
          {"네트워크 스위치", "24포트 기가비트", 150000, 2800000, 20}}},
        {"서비스",
         "소프트웨어 개발 및 공급",
         false,
         {{"시스템 유지보수 용역", "", 500000, 25000000, 0},
          {"ERP 구축 용역", "1차 중도금", 10000000, 350000000, 0},
          {"소프트웨어 라이선스", "1년", 120000, 4800000, 300},
          {"클라우드 사용료", "월", 30000, 9000000, 0}}},
        {"건설업",
         "실내건축 및 인테리어",
         false,
         {{"내장공사", "기성 1회차", 5000000, 480000000, 0},
          {"석고보드", "9.5T 900×1800", 3800, 6500, 3000},
          {"전기공사", "", 800000, 60000000, 0},
          {"타일 시공", "㎡", 28000, 95000, 800}}},
        {"운수업",
         "화물운송",
         false,
         {{"운송료", "서울-부산 5톤", 380000, 850000, 30},
          {"운송료", "수도권 1톤", 60000, 180000, 60},
          {"보관료", "팔레트/월", 15000, 40000, 400},
          {"하역비", "", 50000, 3000000, 0}}},
        {"서비스",
         "광고 대행",
         false,
         {{"온라인 광고비", "검색광고", 100000, 80000000, 0},
          {"디자인 용역", "", 300000, 15000000, 0},
          {"전단지 인쇄", "A4 양면", 40, 250, 100000}}},
        {"부동산업",
         "비주거용 건물 임대",
         false,
         {{"사무실 임대료", "월", 1500000, 65000000, 0},
          {"관리비", "월", 200000, 9000000, 0},
          {"주차비", "월정기", 80000, 250000, 30}}},
        {"도매 및 소매업",
         "농산물",
         true,
         {{"쌀", "20kg", 48000, 68000, 500},
          {"배추", "망(3포기)", 6000, 18000, 800},
          {"사과", "5kg 박스", 25000, 60000, 600},
          {"계란", "30구", 5200, 9800, 1000}}},
        {"출판업",
         "도서",
         true,
         {{"도서", "전문서적", 15000, 48000, 400},
          {"교재", "워크북", 8000, 25000, 2000},
          {"정기간행물", "월간 12권", 60000, 180000, 100}}},
        {"교육서비스업",
         "직업훈련",
         true,
         {{"위탁교육비", "재직자 과정", 150000, 1800000, 120},
          {"교육 용역", "", 1000000, 40000000, 0}}},
    };
    return list;
}

CompanyName make_company_name(Rng &rng, const Industry &industry) {
    const Romanized &stem = rng.pick(company_stems());
    const Romanized &suffix = rng.pick(company_suffixes());
    std::string core = std::string(stem.hangul) + std::string(suffix.hangul);
    std::string slug = std::string(stem.roman) + std::string(suffix.roman);
    // Most are stock companies; the legal form is written in one of the customary ways.
    switch (rng.below(10)) {
    case 0:
    case 1:
    case 2:
    case 3:
        return {"(주)" + core, slug};
    case 4:
    case 5:
        return {"주식회사 " + core, slug};
    case 6:
        return {core + " 주식회사", slug};
    case 7:
        return {"유한회사 " + core, slug};
    default:
        return {core, slug}; // sole proprietor (개인사업자)
    }
}

PersonName make_person_name(Rng &rng) {
    const Romanized &surname = rng.pick(surnames());
    const Romanized &given = rng.pick(given_names());
    return {std::string(surname.hangul) + std::string(given.hangul),
            std::string(surname.roman) + "." + std::string(given.roman)};
}

std::string make_address(Rng &rng) {
    const City &city = rng.pick(cities());
    std::string address = std::string(city.name) + " " + std::string(rng.pick(city.districts)) +
                          " " + std::string(rng.pick(roads())) + " " +
                          std::to_string(rng.between(1, 480));
    if (rng.chance(600))
        address += ", " + std::to_string(rng.between(1, 22)) + "층";
    if (rng.chance(150))
        address += " " + std::to_string(rng.between(1, 9) * 100 + rng.between(1, 12)) + "호";
    return address;
}

std::string make_company_email(Rng &rng, const std::string &slug) {
    static const std::vector<std::string_view> mailboxes = {"tax",     "account", "billing",
                                                            "finance", "info",    "admin"};
    static const std::vector<std::string_view> domains = {".co.kr", ".com", ".kr", ".co.kr"};
    return std::string(rng.pick(mailboxes)) + "@" + slug + std::string(rng.pick(domains));
}

std::string make_personal_email(Rng &rng, const PersonName &person) {
    static const std::vector<std::string_view> portals = {"naver.com", "gmail.com", "daum.net",
                                                          "hanmail.net", "kakao.com"};
    return person.romanized + std::to_string(rng.between(60, 99)) + "@" +
           std::string(rng.pick(portals));
}

} // namespace sim
