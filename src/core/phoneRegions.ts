/**
 * ITU-T E.164 country calling codes (the assigned ones we can list reliably), for naming the region of
 * a phone number. Calling codes form a prefix code: no code is the start of another, so at most one matches.
 * Shared codes name every place that uses them; spare and unassigned codes are simply absent.
 */
export const CALLING_CODES: Readonly<Record<string, string>> = {
  // Zone 1: the North American Numbering Plan. US, Canada and the Caribbean members share +1;
  // only the area code (the next three digits) tells them apart, and this table does not go that far.
  '1': 'North America (NANP)',
  // Zone 7.
  '7': 'Russia or Kazakhstan',

  // Zone 2: Africa and some North Atlantic islands.
  '20': 'Egypt', '27': 'South Africa',
  '211': 'South Sudan', '212': 'Morocco', '213': 'Algeria', '216': 'Tunisia', '218': 'Libya',
  '220': 'Gambia', '221': 'Senegal', '222': 'Mauritania', '223': 'Mali', '224': 'Guinea', '225': "Côte d'Ivoire",
  '226': 'Burkina Faso', '227': 'Niger', '228': 'Togo', '229': 'Benin', '230': 'Mauritius', '231': 'Liberia',
  '232': 'Sierra Leone', '233': 'Ghana', '234': 'Nigeria', '235': 'Chad', '236': 'Central African Republic',
  '237': 'Cameroon', '238': 'Cabo Verde', '239': 'São Tomé and Príncipe', '240': 'Equatorial Guinea', '241': 'Gabon',
  '242': 'Republic of the Congo', '243': 'Democratic Republic of the Congo', '244': 'Angola', '245': 'Guinea-Bissau',
  '246': 'Diego Garcia (British Indian Ocean Territory)', '247': 'Ascension Island', '248': 'Seychelles', '249': 'Sudan',
  '250': 'Rwanda', '251': 'Ethiopia', '252': 'Somalia', '253': 'Djibouti', '254': 'Kenya', '255': 'Tanzania',
  '256': 'Uganda', '257': 'Burundi', '258': 'Mozambique', '260': 'Zambia', '261': 'Madagascar',
  '262': 'Réunion or Mayotte (France)', '263': 'Zimbabwe', '264': 'Namibia', '265': 'Malawi', '266': 'Lesotho',
  '267': 'Botswana', '268': 'Eswatini', '269': 'Comoros', '290': 'Saint Helena and Tristan da Cunha', '291': 'Eritrea',
  '297': 'Aruba', '298': 'Faroe Islands', '299': 'Greenland',

  // Zones 3 and 4: Europe.
  '30': 'Greece', '31': 'Netherlands', '32': 'Belgium', '33': 'France', '34': 'Spain', '36': 'Hungary',
  '39': 'Italy (and Vatican City)', '40': 'Romania', '41': 'Switzerland', '43': 'Austria',
  '44': 'United Kingdom (and Guernsey, Jersey, Isle of Man)', '45': 'Denmark', '46': 'Sweden', '47': 'Norway',
  '48': 'Poland', '49': 'Germany',
  '350': 'Gibraltar', '351': 'Portugal', '352': 'Luxembourg', '353': 'Ireland', '354': 'Iceland', '355': 'Albania',
  '356': 'Malta', '357': 'Cyprus', '358': 'Finland (and Åland)', '359': 'Bulgaria', '370': 'Lithuania', '371': 'Latvia',
  '372': 'Estonia', '373': 'Moldova', '374': 'Armenia', '375': 'Belarus', '376': 'Andorra', '377': 'Monaco',
  '378': 'San Marino', '379': 'Vatican City', '380': 'Ukraine', '381': 'Serbia', '382': 'Montenegro', '383': 'Kosovo',
  '385': 'Croatia', '386': 'Slovenia', '387': 'Bosnia and Herzegovina', '389': 'North Macedonia',
  '420': 'Czech Republic', '421': 'Slovakia', '423': 'Liechtenstein',

  // Zone 5: Mexico, Central and South America, some Atlantic and Caribbean territories.
  '51': 'Peru', '52': 'Mexico', '53': 'Cuba', '54': 'Argentina', '55': 'Brazil', '56': 'Chile', '57': 'Colombia',
  '58': 'Venezuela',
  '500': 'Falkland Islands', '501': 'Belize', '502': 'Guatemala', '503': 'El Salvador', '504': 'Honduras',
  '505': 'Nicaragua', '506': 'Costa Rica', '507': 'Panama', '508': 'Saint Pierre and Miquelon', '509': 'Haiti',
  '590': 'Guadeloupe (and Saint Barthélemy, Saint Martin)', '591': 'Bolivia', '592': 'Guyana', '593': 'Ecuador',
  '594': 'French Guiana', '595': 'Paraguay', '596': 'Martinique', '597': 'Suriname', '598': 'Uruguay',
  '599': 'Curaçao or the Caribbean Netherlands',

  // Zone 6: South-East Asia and Oceania.
  '60': 'Malaysia', '61': 'Australia', '62': 'Indonesia', '63': 'Philippines', '64': 'New Zealand', '65': 'Singapore',
  '66': 'Thailand',
  '670': 'Timor-Leste', '672': 'Norfolk Island or Australian Antarctic Territory', '673': 'Brunei', '674': 'Nauru',
  '675': 'Papua New Guinea', '676': 'Tonga', '677': 'Solomon Islands', '678': 'Vanuatu', '679': 'Fiji', '680': 'Palau',
  '681': 'Wallis and Futuna', '682': 'Cook Islands', '683': 'Niue', '685': 'Samoa', '686': 'Kiribati',
  '687': 'New Caledonia', '688': 'Tuvalu', '689': 'French Polynesia', '690': 'Tokelau', '691': 'Micronesia',
  '692': 'Marshall Islands',

  // Zone 8: East Asia and global services.
  '81': 'Japan', '82': 'South Korea', '84': 'Vietnam', '86': 'China',
  '800': 'International Freephone (no country)', '808': 'International Shared Cost Service (no country)',
  '850': 'North Korea', '852': 'Hong Kong', '853': 'Macau', '855': 'Cambodia', '856': 'Laos',
  '870': 'Inmarsat (satellite, no country)', '880': 'Bangladesh', '881': 'Global Mobile Satellite System (no country)',
  '882': 'International Networks (no country)', '883': 'International Networks (no country)', '886': 'Taiwan',

  // Zone 9: West, Central and South Asia, the Middle East.
  '90': 'Türkiye', '91': 'India', '92': 'Pakistan', '93': 'Afghanistan', '94': 'Sri Lanka', '95': 'Myanmar', '98': 'Iran',
  '960': 'Maldives', '961': 'Lebanon', '962': 'Jordan', '963': 'Syria', '964': 'Iraq', '965': 'Kuwait',
  '966': 'Saudi Arabia', '967': 'Yemen', '968': 'Oman', '970': 'Palestine', '971': 'United Arab Emirates',
  '972': 'Israel', '973': 'Bahrain', '974': 'Qatar', '975': 'Bhutan', '976': 'Mongolia', '977': 'Nepal',
  '979': 'International Premium Rate Service (no country)', '992': 'Tajikistan', '993': 'Turkmenistan',
  '994': 'Azerbaijan', '995': 'Georgia', '996': 'Kyrgyzstan', '998': 'Uzbekistan',
};

/** NANP area codes reserved for toll-free numbers (the same in every NANP country). */
const NANP_TOLL_FREE = new Set(['800', '833', '844', '855', '866', '877', '888']);

/** E.164 as the rules check it: a plus, a non-zero first digit, 8 to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;

/** What the calling code of a phone number says. */
export interface PhoneRegion {
  /** The country calling code, digits only. */
  code: string;
  /** The country, territory or service the code belongs to. */
  region: string;
}

/**
 * The calling code and region of a number written `+` and digits (E.164 or close to it), or undefined when
 * it does not start with a `+` and a digit, or its code is spare or not in the table.
 */
export function phoneRegion(number: string): PhoneRegion | undefined {
  const match = /^\+(\d{1,3})/.exec(number);
  if (!match) return undefined;
  const digits = number.slice(1).replace(/\D.*$/, '');
  for (let length = 1; length <= 3 && length <= digits.length; length++) {
    const code = digits.slice(0, length);
    const region = CALLING_CODES[code];
    if (region === undefined) continue;
    if (code === '1' && NANP_TOLL_FREE.has(digits.slice(1, 4))) return { code, region: `${region}, toll-free` };
    // Kazakhstan's numbers are the +7 ones whose next digit is 6 or 7.
    if (code === '7' && digits.length > 1) return { code, region: digits[1] === '6' || digits[1] === '7' ? 'Kazakhstan' : 'Russia' };
    return { code, region };
  }
  return undefined;
}
