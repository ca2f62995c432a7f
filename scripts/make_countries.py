# ruff: noqa: E501  (the facts table is one row per country)
"""Write src/newsevents/data/countries.csv from pycountry (codes, names) and our own facts below.

Facts columns: ISO3 | display name | other names | adjectives and demonyms | compound prefix |
capitals and metonym cities | seats of government (``name:SECTOR`` gives a sector group) |
names that need support (ambiguous alone). Lists are ``;``-separated. Regular plurals of
demonyms ending in -an/-i are added here, so the table lists only irregular ones. A state's
constituent countries (England, Scotland, Wales, Northern Ireland) are among its other names:
news codes them as the state, and the longer name wins over a country it contains ("Ireland").
Run: .venv/bin/python scripts/make_countries.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry

FACTS = """
ABW|Aruba||Aruban||Oranjestad||
AFG|Afghanistan||Afghan||Kabul||
AGO|Angola||Angolan||Luanda||
AIA|Anguilla||Anguillan||||
ALA|Åland Islands|Aland Islands|||||
ALB|Albania||Albanian||Tirana||
AND|Andorra||Andorran||||
ARE|United Arab Emirates|UAE;U.A.E.;the Emirates|Emirati||Abu Dhabi||
ARG|Argentina||Argentine;Argentinian;Argentines||Buenos Aires|Casa Rosada|
ARM|Armenia||Armenian||Yerevan||
ASM|American Samoa||||||
ATA|Antarctica||||||
ATF|French Southern Territories||||||
ATG|Antigua and Barbuda||Antiguan||||
AUS|Australia||Australian||Canberra||
AUT|Austria||Austrian|Austro|Vienna||
AZE|Azerbaijan||Azerbaijani;Azeri||Baku||
BDI|Burundi||Burundian||Gitega||
BEL|Belgium||Belgian||Brussels||
BEN|Benin||Beninese||Porto-Novo||
BES|Bonaire, Sint Eustatius and Saba|Caribbean Netherlands|||||
BFA|Burkina Faso||Burkinabe;Burkinabè||Ouagadougou||
BGD|Bangladesh||Bangladeshi||Dhaka||
BGR|Bulgaria||Bulgarian||||
BHR|Bahrain||Bahraini||Manama||
BHS|Bahamas|The Bahamas|Bahamian||||
BIH|Bosnia and Herzegovina|Bosnia-Herzegovina;Bosnia|Bosnian||Sarajevo||
BLM|Saint Barthélemy|St Barthélemy|||||
BLR|Belarus||Belarusian;Belarussian||Minsk||
BLZ|Belize||Belizean||Belmopan||
BMU|Bermuda||Bermudian||||
BOL|Bolivia||Bolivian||La Paz;Sucre||
BRA|Brazil||Brazilian||Brasilia;Brasília|Planalto|
BRB|Barbados||Barbadian||Bridgetown||
BRN|Brunei||Bruneian||Bandar Seri Begawan||
BTN|Bhutan||Bhutanese||Thimphu||
BVT|Bouvet Island||||||
BWA|Botswana||Botswanan;Motswana;Batswana||Gaborone||
CAF|Central African Republic|C.A.R.|Central African||Bangui||
CAN|Canada||Canadian||Ottawa||
CCK|Cocos (Keeling) Islands|Cocos Islands|||||
CHE|Switzerland||Swiss||Bern||
CHL|Chile||Chilean||Santiago||
CHN|China|People's Republic of China;PRC;mainland China|Chinese|Sino|Beijing;Peking|Zhongnanhai|
CIV|Côte d'Ivoire|Ivory Coast;Cote d'Ivoire|Ivorian||Yamoussoukro;Abidjan||
CMR|Cameroon||Cameroonian||Yaounde;Yaoundé||
COD|Democratic Republic of the Congo|DR Congo;DRC;D.R. Congo;Congo-Kinshasa;Congo|Congolese||Kinshasa||
COG|Republic of the Congo|Congo-Brazzaville;Congo Republic|||Brazzaville||
COK|Cook Islands||||||
COL|Colombia||Colombian||Bogota;Bogotá||
COM|Comoros||Comoran;Comorian||Moroni||
CPV|Cape Verde|Cabo Verde|Cape Verdean||Praia||
CRI|Costa Rica||Costa Rican||San Jose;San José||
CUB|Cuba||Cuban||Havana||
CUW|Curaçao|Curacao|||||
CXR|Christmas Island||||||
CYM|Cayman Islands||Caymanian||||
CYP|Cyprus||Cypriot;Greek Cypriot;Greek Cypriots||Nicosia||
CZE|Czech Republic|Czechia|Czech;Czechs||Prague||
DEU|Germany||German;Germans|Germano|Berlin|Chancellery|
DJI|Djibouti||Djiboutian||||
DMA|Dominica||||Roseau||
DNK|Denmark||Danish;Dane;Danes|Dano|Copenhagen||
DOM|Dominican Republic||Dominican||Santo Domingo||
DZA|Algeria||Algerian||Algiers||
ECU|Ecuador||Ecuadorian;Ecuadorean||Quito||
EGY|Egypt||Egyptian|Egypto|Cairo||
ERI|Eritrea||Eritrean||Asmara||
ESH|Western Sahara||Sahrawi;Saharawi||||
ESP|Spain||Spanish;Spaniard;Spaniards|Hispano|Madrid|Moncloa|
EST|Estonia||Estonian||Tallinn||
ETH|Ethiopia||Ethiopian||Addis Ababa||
FIN|Finland||Finnish;Finn;Finns|Finno|Helsinki||
FJI|Fiji||Fijian||Suva||
FLK|Falkland Islands|Falklands;Malvinas|Falkland Islander;Falkland Islanders||||
FRA|France||French;Frenchman;Frenchmen;Frenchwoman|Franco|Paris|Élysée;Elysee;Élysée Palace;Elysee Palace;Quai d'Orsay|
FRO|Faroe Islands|Faroes|Faroese||||
FSM|Micronesia|Federated States of Micronesia|Micronesian||||
GAB|Gabon||Gabonese||Libreville||
GBR|United Kingdom|UK;U.K.;Britain;Great Britain;England;Scotland;Wales;Northern Ireland|British;Briton;Britons;Scottish;Welsh;Northern Irish|Anglo|London|Downing Street;Whitehall;Scotland Yard:COP|
GEO|Georgia||Georgian||Tbilisi||Georgia;Georgian;Georgians
GGY|Guernsey||||||
GHA|Ghana||Ghanaian||Accra||
GIB|Gibraltar||Gibraltarian||||
GIN|Guinea|Guinea-Conakry|Guinean||Conakry||
GLP|Guadeloupe||||||
GMB|Gambia|The Gambia|Gambian||Banjul||
GNB|Guinea-Bissau||Bissau-Guinean||Bissau||
GNQ|Equatorial Guinea||Equatoguinean;Equatorial Guinean||Malabo||
GRC|Greece||Greek;Greeks|Greco;Graeco|Athens||
GRD|Grenada||Grenadian||||
GRL|Greenland||Greenlandic;Greenlander;Greenlanders||Nuuk||
GTM|Guatemala||Guatemalan||||
GUF|French Guiana||||||
GUM|Guam||||||
GUY|Guyana||Guyanese||Georgetown||
HKG|Hong Kong||||||
HMD|Heard Island and McDonald Islands||||||
HND|Honduras||Honduran||Tegucigalpa||
HRV|Croatia||Croatian;Croat;Croats||Zagreb||
HTI|Haiti||Haitian||Port-au-Prince||
HUN|Hungary||Hungarian|Hungaro|Budapest||
IDN|Indonesia||Indonesian|Indo|Jakarta||
IMN|Isle of Man||Manx||||
IND|India||Indian|Indo|New Delhi;Delhi||
IOT|British Indian Ocean Territory|Chagos Islands|||||
IRL|Ireland|Republic of Ireland|Irish||Dublin||
IRN|Iran|Islamic Republic of Iran;Persia|Iranian|Irano|Tehran;Teheran||
IRQ|Iraq||Iraqi||Baghdad||
ISL|Iceland||Icelandic;Icelander;Icelanders||Reykjavik||
ISR|Israel|State of Israel|Israeli|Israelo|Jerusalem;Tel Aviv||
ITA|Italy||Italian|Italo|Rome|Palazzo Chigi|
JAM|Jamaica||Jamaican||||
JEY|Jersey||||||Jersey
JOR|Jordan|Hashemite Kingdom of Jordan|Jordanian||Amman||Jordan
JPN|Japan||Japanese|Japano;Nippo|Tokyo||
KAZ|Kazakhstan||Kazakh;Kazakhstani||Astana||
KEN|Kenya||Kenyan||Nairobi||
KGZ|Kyrgyzstan|Kyrgyz Republic|Kyrgyz||Bishkek||
KHM|Cambodia||Cambodian||Phnom Penh||
KIR|Kiribati||||||
KNA|Saint Kitts and Nevis|St Kitts and Nevis|Kittitian||||
KOR|South Korea|Republic of Korea;ROK|South Korean||Seoul||
KWT|Kuwait||Kuwaiti||||
LAO|Laos|Lao PDR|Laotian||Vientiane||
LBN|Lebanon||Lebanese||Beirut||
LBR|Liberia||Liberian||Monrovia||
LBY|Libya||Libyan||Tripoli||
LCA|Saint Lucia|St Lucia|Saint Lucian||||
LIE|Liechtenstein||||||
LKA|Sri Lanka||Sri Lankan||Colombo||
LSO|Lesotho||Basotho||Maseru||
LTU|Lithuania||Lithuanian||Vilnius||
LUX|Luxembourg||Luxembourgish;Luxembourger;Luxembourgers||||
LVA|Latvia||Latvian||Riga||
MAC|Macao|Macau|Macanese||||
MAF|Saint Martin (French part)|Saint-Martin|||||
MAR|Morocco||Moroccan||Rabat||
MCO|Monaco||Monegasque||||
MDA|Moldova||Moldovan||Chisinau;Chișinău||
MDG|Madagascar||Malagasy||Antananarivo||
MDV|Maldives||Maldivian||||
MEX|Mexico||Mexican|Mexicano|Mexico City||
MHL|Marshall Islands||Marshallese||Majuro||
MKD|North Macedonia|Macedonia|Macedonian||Skopje||
MLI|Mali||Malian||Bamako||
MLT|Malta||Maltese||Valletta||
MMR|Myanmar|Burma|Burmese;Myanmarese||Naypyidaw;Naypyitaw||
MNE|Montenegro||Montenegrin||Podgorica||
MNG|Mongolia||Mongolian||Ulaanbaatar;Ulan Bator||
MNP|Northern Mariana Islands||||||
MOZ|Mozambique||Mozambican||Maputo||
MRT|Mauritania||Mauritanian||Nouakchott||
MSR|Montserrat||||||
MTQ|Martinique||||||
MUS|Mauritius||Mauritian||Port Louis||
MWI|Malawi||Malawian||Lilongwe||
MYS|Malaysia||Malaysian||Kuala Lumpur;Putrajaya||
MYT|Mayotte||||||
NAM|Namibia||Namibian||Windhoek||
NCL|New Caledonia||New Caledonian||||
NER|Niger||Nigerien||Niamey||
NFK|Norfolk Island||||||
NGA|Nigeria||Nigerian||Abuja||
NIC|Nicaragua||Nicaraguan||Managua||
NIU|Niue||||||
NLD|Netherlands|The Netherlands;Holland|Dutch;Dutchman;Dutchmen||The Hague;Amsterdam||Holland
NOR|Norway||Norwegian|Norwego|Oslo||
NPL|Nepal||Nepali;Nepalese||Kathmandu||
NRU|Nauru||Nauruan||||
NZL|New Zealand||New Zealander;New Zealanders||Wellington||
OMN|Oman||Omani||Muscat||
PAK|Pakistan||Pakistani|Pak|Islamabad||
PAN|Panama||Panamanian||Panama City||
PCN|Pitcairn Islands|Pitcairn|||||
PER|Peru||Peruvian||Lima||
PHL|Philippines|The Philippines|Philippine;Filipino;Filipinos;Filipina||Manila|Malacañang;Malacanang|
PLW|Palau||Palauan||||
PNG|Papua New Guinea||Papua New Guinean||Port Moresby||
POL|Poland||Polish;Pole;Poles|Polono|Warsaw||
PRI|Puerto Rico||Puerto Rican||San Juan||
PRK|North Korea|Democratic People's Republic of Korea;DPRK|North Korean||Pyongyang||
PRT|Portugal||Portuguese|Luso|Lisbon||
PRY|Paraguay||Paraguayan||Asuncion;Asunción||
PSE|Palestine|Palestinian territories;State of Palestine|Palestinian||Ramallah||
PYF|French Polynesia||||||
QAT|Qatar||Qatari||Doha||
REU|Réunion|Reunion|||||
ROU|Romania||Romanian||Bucharest||
RUS|Russia|Russian Federation|Russian|Russo|Moscow|Kremlin|
RWA|Rwanda||Rwandan||Kigali||
SAU|Saudi Arabia|Kingdom of Saudi Arabia;KSA|Saudi||Riyadh||
SDN|Sudan||Sudanese||Khartoum;Port Sudan||
SEN|Senegal||Senegalese||Dakar||
SGP|Singapore||Singaporean||||
SGS|South Georgia and the South Sandwich Islands||||||
SHN|Saint Helena, Ascension and Tristan da Cunha|Saint Helena|||||
SJM|Svalbard and Jan Mayen||||||
SLB|Solomon Islands||Solomon Islander;Solomon Islanders||Honiara||
SLE|Sierra Leone||Sierra Leonean||Freetown||
SLV|El Salvador||Salvadoran;Salvadorean||San Salvador||
SMR|San Marino||Sammarinese||||
SOM|Somalia||Somali;Somalian||Mogadishu||
SPM|Saint Pierre and Miquelon||||||
SRB|Serbia||Serbian;Serb;Serbs|Serbo|Belgrade||
SSD|South Sudan||South Sudanese||Juba||
STP|São Tomé and Príncipe|Sao Tome and Principe|||||
SUR|Suriname||Surinamese||Paramaribo||
SVK|Slovakia||Slovak;Slovaks||Bratislava||
SVN|Slovenia||Slovenian;Slovene;Slovenes||Ljubljana||
SWE|Sweden||Swedish;Swede;Swedes|Suedo|Stockholm||
SWZ|Eswatini|Swaziland|Swazi||Mbabane||
SXM|Sint Maarten (Dutch part)|Sint Maarten|||||
SYC|Seychelles||Seychellois||||
SYR|Syria|Syrian Arab Republic|Syrian|Syro|Damascus||
TCA|Turks and Caicos Islands||||||
TCD|Chad||Chadian||N'Djamena;Ndjamena||Chad
TGO|Togo||Togolese||Lome;Lomé||
THA|Thailand||Thai||Bangkok||
TJK|Tajikistan||Tajik;Tajikistani||Dushanbe||
TKL|Tokelau||||||
TKM|Turkmenistan||Turkmen||Ashgabat||
TLS|Timor-Leste|East Timor|Timorese;East Timorese||Dili||
TON|Tonga||Tongan||Nuku'alofa||
TTO|Trinidad and Tobago||Trinidadian||Port of Spain||
TUN|Tunisia||Tunisian||Tunis||
TUR|Turkey|Türkiye;Turkiye|Turkish;Turk;Turks|Turco;Turko|Ankara||
TUV|Tuvalu||Tuvaluan||||
TWN|Taiwan|Republic of China|Taiwanese||Taipei||
TZA|Tanzania||Tanzanian||Dodoma;Dar es Salaam||
UGA|Uganda||Ugandan||Kampala||
UKR|Ukraine||Ukrainian|Ukraino|Kyiv;Kiev|Bankova|
UMI|United States Minor Outlying Islands||||||
URY|Uruguay||Uruguayan||Montevideo||
USA|United States|United States of America;US;U.S.;USA;U.S.A.;America|US;U.S.;American|Americano|Washington|White House;Pentagon:MIL;Capitol Hill:LEG|
UZB|Uzbekistan||Uzbek;Uzbekistani||Tashkent||
VAT|Vatican|Holy See;Vatican City|||||
VCT|Saint Vincent and the Grenadines|St Vincent and the Grenadines|Vincentian||||
VEN|Venezuela||Venezuelan||Caracas|Miraflores|
VGB|British Virgin Islands||||||
VIR|US Virgin Islands|U.S. Virgin Islands|||||
VNM|Vietnam|Viet Nam|Vietnamese||Hanoi||
VUT|Vanuatu||Ni-Vanuatu||Port Vila||
WLF|Wallis and Futuna||||||
WSM|Samoa||Samoan||Apia||
YEM|Yemen||Yemeni||Sanaa;Sana'a;Aden||
ZAF|South Africa||South African||Pretoria|Union Buildings|
ZMB|Zambia||Zambian||Lusaka||
ZWE|Zimbabwe||Zimbabwean||Harare||
XKX|Kosovo||Kosovar;Kosovan;Kosovars||Pristina||
"""

FIELDS = ["iso3", "name", "names", "adjectives", "prefixes", "capitals", "seats", "ambiguous"]


def _plural(adj: str) -> list[str]:
    # Demonyms in -an/-i take a regular plural ("Iranians", "Israelis"); others are listed.
    last = adj.split()[-1]
    if last.endswith(("an", "i")) and not last.endswith("ese"):
        return [adj, adj + "s"]
    return [adj]


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "src/newsevents/data/countries.csv"
    rows = []
    for line in FACTS.strip().splitlines():
        iso3, name, names, adjs, prefixes, capitals, seats, ambiguous = line.split("|")
        all_names = [name, *[n for n in names.split(";") if n]]
        c = pycountry.countries.get(alpha_3=iso3)
        if c is not None:
            for attr in ("common_name", "official_name", "name"):
                v = getattr(c, attr, None)
                # pycountry's inverted forms ("Iran, Islamic Republic of") never occur in text.
                if v and "," not in v and "(" not in v and v not in all_names:
                    all_names.append(v)
        adjectives: list[str] = []
        for a in adjs.split(";"):
            if a:
                adjectives.extend(p for p in _plural(a) if p not in adjectives)
        rows.append({
            "iso3": iso3, "name": name, "names": ";".join(all_names),
            "adjectives": ";".join(adjectives), "prefixes": prefixes, "capitals": capitals,
            "seats": seats, "ambiguous": ambiguous,
        })
    missing = {c.alpha_3 for c in pycountry.countries} - {r["iso3"] for r in rows}
    if missing:
        raise SystemExit(f"facts lack rows for {sorted(missing)}")
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("# Countries and territories: ISO 3166-1 alpha-3 (pycountry) and names, demonyms,\n")
        f.write("# compound prefixes (Sino-), capitals and seats of government used as metonyms.\n")
        f.write("# Generated by scripts/make_countries.py; lists are ';'-separated.\n")
        w = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {out}")


if __name__ == "__main__":
    main()
