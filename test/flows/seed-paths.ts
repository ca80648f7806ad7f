/**
 * Every path through the seed instructions, as a staff member clicks it: from the first card of a
 * flow to an end card. `click` is the exact button label; `sees` are substrings of the card that
 * follows the click (for steps[0]: of the first card).
 *
 * Seeds: flows/sources/000_6fed7dc7d090f00a.txt (beknopt stappenplan) and
 * flows/sources/001_aa782606bf296214.txt (Inloggen - inlogproblemen).
 */

export interface SeedPathStep {
  click?: string;
  sees: string[];
}

export interface SeedPath {
  name: string;
  flow: string;
  steps: SeedPathStep[];
}

/** Label of the single button on an instruction card (no continueLabel in the flows). */
const NEXT = 'Gedaan';

const MAIN = 'klant-kan-niet-inloggen';

/**
 * Seed 001 "LET OP" and seed 000 "NB": colleagues and volunteers log in themselves. One shared
 * node (flows/shared/), asked before Wise in the login, e-books and inactief flows.
 */
const collegaVraag: string[] = ['Klant, collega of vrijwilliger?', 'Is de klant een collega of vrijwilliger?', 'hun inloggegevens kun je in Wise niet inzien'];
const collegaZelf: string[] = ['Collega of vrijwilliger logt zelf in', 'zelf inloggen in Wise', 'inlogaccount te koppelen', 'je kunt hun inloggegevens niet inzien', 'Doorverwezen'];

/** Seed 001, start: the self-help page first; it does not work, and the customer is no colleague. */
const zelfhulpStart: SeedPathStep = {
  sees: ['Eerst zelf een nieuw wachtwoord of een nieuwe gebruikersnaam aanvragen', 'Hulppagina bibliotheek.nl', 'spambox', "Stroomschema's inloggen"],
};
const zelfhulpLuktNiet: SeedPathStep[] = [zelfhulpStart, { click: 'Lukt niet', sees: collegaVraag }];

const gewoneKlant: SeedPathStep[] = [
  ...zelfhulpLuktNiet,
  { click: 'Gewone klant', sees: ['Check de inlogaccount-rechten', 'Toon inlogaccount-rechten'] },
];

/** Seed 001 stap 1 (issue 14 item 4): the status of the login account, and the subscription apart from it. */
const gegevensCheck: string[] = [
  'Check gebruikersnaam en status',
  'Toon inlogaccount-gegevens',
  'Gebruikersnaam, E-mail en Status',
  'Kijk bij Status of het inlogaccount Actief is',
  'Check ook of het abonnement van de klant actief is',
  'een verlopen abonnement los je niet op met Activeer inlogaccount',
];

/** Seed 000 "wel rechten" + seed 001 stap 1 (Actief → stap 4) and stap 4 up to the website login (stap 5). */
const rechtenAanwezigTotWebsite: SeedPathStep[] = [
  ...gewoneKlant,
  { click: 'Rechten aanwezig', sees: gegevensCheck },
  { click: 'Status Actief', sees: ['Vernieuw de klantgegevens bij de KB', 'Doe dit:', 'Autoriseer inlogaccount'] },
  { click: NEXT, sees: ['Laat de klant inloggen op de website', 'website van de bibliotheek', 'PC/laptop'] },
];

/** Website login fails: seed 000 "Wachtwoord vergeten?" and seed 001 stap 6. */
const totWachtwoordReset: SeedPathStep[] = [
  ...rechtenAanwezigTotWebsite,
  { click: 'Lukt niet / wachtwoord kwijt', sees: ['Laat de klant het wachtwoord resetten', 'Wachtwoord vergeten?', 'gebruikersnaam invullen', 'Wachtwoord resetten bij de KB'] },
];

/** Seed 001 stap 7: no reset mail. */
const totHerstelEmail: SeedPathStep[] = [
  ...totWachtwoordReset,
  { click: 'Geen mail ontvangen', sees: ['spambox', 'herstel-e-mailadres', 'Reset herstel-e-mailadres', 'Single Identity'] },
];

/**
 * Seed 001 stap 7-8 (issue 14 item 8): the alternative address becomes the recovery address, the
 * reset is tried again, then stap 9 "kan de klant nu inloggen".
 */
const totControleNaAlternatief: SeedPathStep[] = [
  ...totHerstelEmail,
  {
    click: 'Nog steeds geen mail',
    sees: [
      'Vraag een alternatief e-mailadres',
      'Doe dit:',
      'Vraag de klant om een alternatief e-mailadres',
      'maak het herstel-e-mailadres daaraan gelijk',
      'Wise: Klant → Inlogaccount → Reset herstel-e-mailadres',
      'Laat de klant opnieuw het wachtwoord resetten',
      'Wachtwoord resetten bij de KB',
      '“Reset herstel-e-mailadres. 8. Als de klant nog steeds geen mail ontvangt, vraag een alternatief mailadres.”',
    ],
  },
  { click: NEXT, sees: ['Opnieuw inloggen na de reset', 'Kan de klant nu inloggen?'] },
];

/** Seed 001 stap 10. */
const totBrowser: SeedPathStep[] = [
  ...totControleNaAlternatief,
  { click: 'Lukt nog niet', sees: ['Opgeslagen inloggegevens in de browser?', 'gebruikersnaam/wachtwoord', 'andere browser', 'via de app'] },
];

/** Seed 001 stap 11. */
const totIncognito: SeedPathStep[] = [
  ...totBrowser,
  { click: 'Lukt niet / niets opgeslagen', sees: ['Inloggen in een privévenster (incognito)', 'privévenster (incognito) van de browser'] },
];

const gelukt: string[] = ['Inloggen lukt', 'Online Bibliotheek of in de app', 'pasnummer'];

/** Seed 000 "geen rechten": Autoriseer inlogaccount and check again. */
const geenRechten: SeedPathStep[] = [
  ...gewoneKlant,
  {
    click: 'Geen rechten',
    sees: [
      'Geen rechten: autoriseer het inlogaccount',
      'Autoriseer inlogaccount',
      'Check opnieuw',
      'OnlineBibliotheek - Compleet',
      'Online Bibliotheek Compleet · Actief',
      'Basisrechten: thuistoegang',
      'theorie.nl, bereslim, skillstoun',
      'Compleet-rechten: toegang tot de Online Bibliotheek',
      'tot en met 18 jaar',
      '€ 45',
    ],
  },
];

/** Seed 000 punt 2 / seed 001 stap 2: no linked login account. */
const gegrijsd: SeedPathStep[] = [
  ...gewoneKlant,
  { click: 'Gegrijsd: geen inlogaccount', sees: ['Geen inlogaccount gekoppeld', 'Heeft de klant al een account bij de KB?', 'collega of vrijwilliger'] },
];

/** Seed 001 opening (issue 14 item 3): an account with a forgotten username is not generated twice. */
const gebruikersnaamVergeten: string[] = [
  'Gebruikersnaam vergeten: eerst opvragen',
  'Genereer geen tweede account',
  'nieuwe gebruikersnaam aanvragen',
  'Hulppagina bibliotheek.nl',
  'spambox',
  'Ja, weet gebruikersnaam',
  'Doorverwezen',
];

const websiteVanafStatusActief: SeedPathStep[] = [
  { click: 'Status Actief', sees: ['Vernieuw de klantgegevens bij de KB', 'Autoriseer inlogaccount'] },
  { click: NEXT, sees: ['Laat de klant inloggen op de website'] },
  { click: 'Inloggen lukt', sees: gelukt },
];

const websiteVanafActiveer: SeedPathStep[] = [
  { click: NEXT, sees: ['Vernieuw de klantgegevens bij de KB', 'Autoriseer inlogaccount'] },
  { click: NEXT, sees: ['Laat de klant inloggen op de website'] },
  { click: 'Inloggen lukt', sees: gelukt },
];

const EBOOKS = 'geen-rechten-e-books';
/** Issue 14 item 2: the e-books flow asks the colleague/volunteer guard first. */
const ebooksStart: SeedPathStep = { sees: ['Klant kan geen e-books lenen · stap 1', ...collegaVraag] };
/** Issue 14 item 5: the youth rule stands on the question card itself. */
const ebooksAbonnement: SeedPathStep[] = [
  ebooksStart,
  {
    click: 'Gewone klant',
    sees: ['Hoort e-books lenen bij het abonnement?', 'geen rechten om e-books te lenen', 'zou moeten kunnen lenen bij de Online Bibliotheek', 'jeugd tot en met 18 jaar heeft Compleet-rechten (de Online Bibliotheek) gratis'],
  },
];
/** Issue 14 item 7: step 1 says how to see that no account is linked (Toon inlogaccount-gegevens greyed). */
const ebooksTotRechten: SeedPathStep[] = [
  ...ebooksAbonnement,
  { click: 'Ja, e-books horen erbij', sees: ['Controleer de rechten', 'Toon inlogaccount-rechten', 'OnlineBibliotheek - Compleet', 'Is Toon inlogaccount-gegevens gegrijsd? Dan heeft de klant geen inlogaccount gekoppeld.', 'Wise: Klant → Inlogaccount → Toon inlogaccount-gegevens'] },
];
const ebooksActiveerTotControle: SeedPathStep[] = [
  { click: NEXT, sees: ['Activeer het inlogaccount', 'Activeer inlogaccount', '24 uur'] },
  { click: NEXT, sees: ['Vernieuw de klantgegevens bij de KB', 'Klant → Inlogaccount → Autoriseer inlogaccount rechten'] },
  { click: NEXT, sees: ['Opnieuw een e-book lenen', 'Kan de klant nu gebruikmaken van de Online Bibliotheek?'] },
];

const LOGOUT = 'authentication-logout-detected';
const logoutStart: SeedPathStep = {
  sees: ['AUTHENTICATION.LOGOUT_DETECTED', 'Mijn Menu', 'adblocker, VPN of een niet-ondersteunde browser', 'VPN en/of de adblocker uitschakelen', 'Edge, Chrome, Safari of Firefox'],
};

const INACTIEF = 'inactief-inlogaccount';
/** Issue 14 item 2: the inactief flow asks the colleague/volunteer guard first. */
const inactiefStart: SeedPathStep = { sees: ['Inactief inlogaccount · stap 1', ...collegaVraag] };
const inactiefMelding: SeedPathStep[] = [
  inactiefStart,
  { click: 'Gewone klant', sees: ['Inactief inlogaccount', '24 uur', 'nieuw inlogaccount voor de klant genereren', 'bestaand inlogaccount koppelen', 'zou weer moeten lukken'] },
];

export const seedPaths: SeedPath[] = [
  // --- Klant kan niet inloggen (seed 000 + seed 001) ---
  {
    name: 'Hulppagina: nieuw wachtwoord/gebruikersnaam aangevraagd → inloggen lukt',
    flow: MAIN,
    steps: [zelfhulpStart, { click: 'Inloggen lukt', sees: ['Opgelost via de hulppagina', 'nieuw opgevraagde gegevens'] }],
  },
  {
    name: 'Hulppagina lukt niet → Klant is collega → collega moet zelf inloggen in Wise',
    flow: MAIN,
    steps: [...zelfhulpLuktNiet, { click: 'Klant is collega', sees: collegaZelf }],
  },
  {
    name: 'Hulppagina lukt niet → Klant is vrijwilliger → vrijwilliger moet zelf inloggen in Wise',
    flow: MAIN,
    steps: [...zelfhulpLuktNiet, { click: 'Klant is vrijwilliger', sees: collegaZelf }],
  },
  {
    name: 'Rechten aanwezig → gebruikersnaam check → Status Actief → Autoriseer (KB vernieuwen) → website lukt niet → "Wachtwoord vergeten?" → mail ontvangen → inloggen lukt',
    flow: MAIN,
    steps: [
      ...totWachtwoordReset,
      { click: 'Mail ontvangen', sees: ['Kan de klant nu inloggen?'] },
      { click: 'Inloggen lukt', sees: gelukt },
    ],
  },
  {
    name: 'Rechten aanwezig → gebruikersnaam check → Status Actief → Autoriseer (KB vernieuwen) → inloggen op website lukt',
    flow: MAIN,
    steps: [...rechtenAanwezigTotWebsite, { click: 'Inloggen lukt', sees: gelukt }],
  },
  {
    name: 'Geen rechten → Autoriseer inlogaccount → opnieuw gecheckt: rechten nu aanwezig → Status Actief → KB vernieuwen → website lukt',
    flow: MAIN,
    steps: [...geenRechten, { click: 'Nu wel rechten', sees: gegevensCheck }, ...websiteVanafStatusActief],
  },
  {
    // Issue 14 item 1: seed 001 stap 1-4, the login account is activated and authorised before anything ends unresolved.
    name: 'Geen rechten → Autoriseer inlogaccount → nog steeds geen rechten → gebruikersnaam en status → niet actief → Activeer inlogaccount → KB vernieuwen → website lukt',
    flow: MAIN,
    steps: [
      ...geenRechten,
      { click: 'Nog steeds geen rechten', sees: gegevensCheck },
      { click: 'Niet actief', sees: ['Activeer het inlogaccount', 'Activeer inlogaccount', '24 uur'] },
      ...websiteVanafActiveer,
    ],
  },
  {
    name: 'Geen inlogaccount gekoppeld (gegrijsd) → klant heeft account → Koppel inlogaccount → Status Actief → KB vernieuwen → website lukt',
    flow: MAIN,
    steps: [
      ...gegrijsd,
      { click: 'Ja, weet gebruikersnaam', sees: ['Koppel het bestaande inlogaccount', 'Koppel inlogaccount', 'gebruikersnaam nodig', 'kan inloggen bij de KB', 'partner / kinderen'] },
      { click: NEXT, sees: ['Check de status van het inlogaccount', 'Toon inlogaccount-gegevens'] },
      ...websiteVanafStatusActief,
    ],
  },
  {
    name: 'Geen inlogaccount gekoppeld (gegrijsd) → klant heeft account maar weet gebruikersnaam niet → eerst opvragen via de hulppagina, geen tweede account',
    flow: MAIN,
    steps: [...gegrijsd, { click: 'Ja, gebruikersnaam vergeten', sees: gebruikersnaamVergeten }],
  },
  {
    name: 'Geen inlogaccount gekoppeld (gegrijsd) → geen account → Genereer / koppel inlogaccount (eerst PC/laptop) → niet actief → Activeer inlogaccount → KB vernieuwen → website lukt',
    flow: MAIN,
    steps: [
      ...gegrijsd,
      { click: 'Nee, geen account', sees: ['Genereer een nieuw inlogaccount', 'Doe dit:', 'Klant → Inlogaccount → Genereer / koppel inlogaccount', 'PC/laptop', 'pas als dat lukt in de app of de Online Bibliotheek'] },
      { click: NEXT, sees: ['Check de status van het inlogaccount'] },
      { click: 'Niet actief', sees: ['Activeer het inlogaccount', 'Activeer inlogaccount', '24 uur'] },
      ...websiteVanafActiveer,
    ],
  },
  {
    name: 'Rechten aanwezig → gebruikersnaam check → status niet actief → Activeer inlogaccount (24 uur) → KB vernieuwen → website lukt',
    flow: MAIN,
    steps: [
      ...gewoneKlant,
      { click: 'Rechten aanwezig', sees: ['Check gebruikersnaam en status'] },
      { click: 'Niet actief', sees: ['Activeer het inlogaccount', 'Activeer inlogaccount', '24 uur'] },
      ...websiteVanafActiveer,
    ],
  },
  {
    name: 'Rechten aanwezig → Toon inlogaccount-gegevens gegrijsd → geen account → Genereer / koppel inlogaccount → Status Actief → KB vernieuwen → website lukt',
    flow: MAIN,
    steps: [
      ...gewoneKlant,
      { click: 'Rechten aanwezig', sees: ['Check gebruikersnaam en status'] },
      { click: 'Gegrijsd: geen inlogaccount', sees: ['Geen inlogaccount gekoppeld', 'Heeft de klant al een account bij de KB?'] },
      { click: 'Nee, geen account', sees: ['Genereer / koppel inlogaccount', 'PC/laptop'] },
      { click: NEXT, sees: ['Check de status van het inlogaccount'] },
      ...websiteVanafStatusActief,
    ],
  },
  {
    name: 'Wachtwoord vergeten? → geen resetmail → spambox en Reset herstel-e-mailadres → mail nu ontvangen → inloggen lukt',
    flow: MAIN,
    steps: [
      ...totHerstelEmail,
      { click: 'Mail nu ontvangen', sees: ['Kan de klant nu inloggen?'] },
      { click: 'Inloggen lukt', sees: gelukt },
    ],
  },
  {
    name: 'Wachtwoord vergeten? → geen resetmail → herstel-e-mailadres → nog steeds geen mail → alternatief e-mailadres als herstel-e-mailadres, opnieuw resetten → inloggen lukt',
    flow: MAIN,
    steps: [...totControleNaAlternatief, { click: 'Inloggen lukt', sees: gelukt }],
  },
  {
    name: 'Na wachtwoord reset lukt inloggen nog niet → opgeslagen gegevens in de browser → andere browser/PC of app: inloggen lukt',
    flow: MAIN,
    steps: [...totBrowser, { click: 'Inloggen lukt', sees: gelukt }],
  },
  {
    name: 'Na wachtwoord reset lukt inloggen nog niet → andere browser lukt niet → privévenster: inloggen lukt',
    flow: MAIN,
    steps: [...totIncognito, { click: 'Inloggen lukt', sees: gelukt }],
  },
  {
    name: 'Hele keten stap 6 t/m 12: wachtwoord reset → geen mail → herstel-e-mailadres → alternatief e-mailadres → browser → privévenster → niet opgelost',
    flow: MAIN,
    steps: [
      ...totIncognito,
      {
        click: 'Lukt nog niet',
        sees: ['Inloggen lukt nog steeds niet', 'Inlogproblemen_single_identity.pdf', 'InstructieWise', 'AUTHENTICATION.LOGOUT_DETECTED', 'Start dan het stappenplan', "Stroomschema's inloggen"],
      },
    ],
  },

  // --- Klant kan geen e-books lenen (seed 001, stap 1-6) ---
  {
    name: 'Geen rechten e-books → Klant is collega → collega moet zelf inloggen in Wise',
    flow: EBOOKS,
    steps: [ebooksStart, { click: 'Klant is collega', sees: collegaZelf }],
  },
  {
    name: 'Geen rechten e-books → Klant is vrijwilliger → vrijwilliger moet zelf inloggen in Wise',
    flow: EBOOKS,
    steps: [ebooksStart, { click: 'Klant is vrijwilliger', sees: collegaZelf }],
  },
  {
    // Issue 14 item 5: the customer still cannot borrow, so this is a referral about the subscription, not "opgelost".
    name: 'Geen rechten e-books → abonnement hoort geen e-books te geven → doorverwezen: uitleg Compleet-rechten',
    flow: EBOOKS,
    steps: [
      ...ebooksAbonnement,
      { click: 'Nee, niet bij dit abonnement', sees: ['Geen Compleet-rechten bij dit abonnement', 'Doorverwezen', 'tot en met 18 jaar', '€ 45', 'vraag over het abonnement'] },
    ],
  },
  {
    name: 'Geen rechten e-books → stap 1 geen inlogaccount gekoppeld → stap 2 Koppel inlogaccount (juiste actor) → stap 4 Activeer → stap 5 Autoriseer → stap 6 e-books lenen lukt',
    flow: EBOOKS,
    steps: [
      ...ebooksTotRechten,
      { click: 'Geen inlogaccount gekoppeld', sees: ['Koppel het inlogaccount aan het abonnement', 'Koppel inlogaccount', 'juiste actor', 'partner / kinderen'] },
      ...ebooksActiveerTotControle,
      { click: 'E-books lenen lukt', sees: ['E-books lenen lukt'] },
    ],
  },
  {
    name: 'Geen rechten e-books → stap 1 wel inlogaccount → stap 3 juiste account → stap 4 Activeer → stap 5 Autoriseer → stap 6 lukt nog niet → InstructieWise',
    flow: EBOOKS,
    steps: [
      ...ebooksTotRechten,
      { click: 'Wel inlogaccount gekoppeld', sees: ['Controleer het account waarmee de klant inlogt', 'Doe dit:', 'gebruikersnaam die in Wise aan het abonnement gekoppeld is'] },
      ...ebooksActiveerTotControle,
      { click: 'Lukt nog niet', sees: ['Nog steeds geen rechten om e-books te lenen', 'Inlogproblemen_single_identity.pdf'] },
    ],
  },

  // --- Foutmelding LOGOUT_DETECTED (seed 001) ---
  {
    name: 'AUTHENTICATION.LOGOUT_DETECTED → VPN/adblocker uit, ondersteunde browser → inloggen in Mijn Menu lukt',
    flow: LOGOUT,
    steps: [logoutStart, { click: 'Inloggen lukt', sees: ['Inloggen in Mijn Menu lukt'] }],
  },
  {
    name: 'AUTHENTICATION.LOGOUT_DETECTED → VPN/adblocker uit, ondersteunde browser → lukt nog niet → verder met "Klant kan niet inloggen"',
    flow: LOGOUT,
    steps: [logoutStart, { click: 'Lukt nog niet', sees: ['Ga verder in het stappenplan "Klant kan niet inloggen"', "bij de stap 'Check de inlogaccount-rechten'", 'Doorverwezen naar: Klant kan niet inloggen › Check de inlogaccount-rechten'] }],
  },

  // --- Inactief inlogaccount (seed 001) ---
  {
    name: 'Inactief inlogaccount → Klant is collega → collega moet zelf inloggen in Wise',
    flow: INACTIEF,
    steps: [inactiefStart, { click: 'Klant is collega', sees: collegaZelf }],
  },
  {
    name: 'Inactief inlogaccount → Klant is vrijwilliger → vrijwilliger moet zelf inloggen in Wise',
    flow: INACTIEF,
    steps: [inactiefStart, { click: 'Klant is vrijwilliger', sees: collegaZelf }],
  },
  {
    name: 'Inactief inlogaccount → bestaand account koppelen → Status Actief → KB vernieuwen → inloggen lukt',
    flow: INACTIEF,
    steps: [
      ...inactiefMelding,
      { click: 'Ja, weet gebruikersnaam', sees: ['Koppel het bestaande inlogaccount', 'Koppel inlogaccount', 'partner / kinderen'] },
      { click: NEXT, sees: ['Check de status van het inlogaccount', 'Toon inlogaccount-gegevens'] },
      { click: 'Status Actief', sees: ['Vernieuw de klantgegevens bij de KB', 'Autoriseer inlogaccount'] },
      { click: NEXT, sees: ['Kan de klant nu inloggen?', 'website van de bibliotheek'] },
      { click: 'Inloggen lukt', sees: ['Inloggen lukt', 'Online Bibliotheek of in de app'] },
    ],
  },
  {
    name: 'Inactief inlogaccount → klant heeft account maar weet gebruikersnaam niet → eerst opvragen via de hulppagina, geen tweede account',
    flow: INACTIEF,
    steps: [...inactiefMelding, { click: 'Ja, gebruikersnaam vergeten', sees: gebruikersnaamVergeten }],
  },
  {
    name: 'Inactief inlogaccount → nieuw account genereren (eerst PC/laptop) → niet actief → Activeer (24 uur) → KB vernieuwen → lukt nog niet → verder met "Klant kan niet inloggen"',
    flow: INACTIEF,
    steps: [
      ...inactiefMelding,
      { click: 'Nee, geen account', sees: ['Genereer een nieuw inlogaccount', 'Genereer / koppel inlogaccount', 'PC/laptop'] },
      { click: NEXT, sees: ['Check de status van het inlogaccount'] },
      { click: 'Niet actief', sees: ['Activeer het inlogaccount', 'Activeer inlogaccount', '24 uur'] },
      { click: NEXT, sees: ['Vernieuw de klantgegevens bij de KB', 'Autoriseer inlogaccount'] },
      { click: NEXT, sees: ['Kan de klant nu inloggen?', 'PC/laptop'] },
      { click: 'Lukt nog niet', sees: ['Ga verder in het stappenplan "Klant kan niet inloggen"', 'resetten van het wachtwoord', 'Doorverwezen naar: Klant kan niet inloggen › Laat de klant het wachtwoord resetten'] },
    ],
  },

  // --- Stroomschema's (seed 001, onderaan) ---
  {
    name: "Stroomschema's voor klantvragen: overzicht en link",
    flow: 'stroomschemas',
    steps: [
      {
        sees: [
          "Stroomschema's voor hulp met klantvragen",
          "Stroomschema's inloggen",
          'Gebruikersnaam vergeten',
          'Self-service account verwijderen',
          'Balie: lid worden',
          'niet gebruikt in de Bind bibliotheken',
          "Stroomschema 'problemen met inlogaccount'",
        ],
      },
    ],
  },
];
