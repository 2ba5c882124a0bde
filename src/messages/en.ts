/** Every message a person reads, in English: the same keys and placeholders as zh.ts. */
import type { MessageKey } from "./index";

export const en: Record<MessageKey, string> = {
  // ── common ──────────────────────────────────────────────────────────────────────
  "common.listSeparator": ", ",
  "common.sentenceSeparator": "; ",

  // ── reader ──────────────────────────────────────────────────────────────────────

  // ── claim ───────────────────────────────────────────────────────────────────────

  // ── findings ────────────────────────────────────────────────────────────────────

  // ── engine ──────────────────────────────────────────────────────────────────────
  "engine.layer.pooled": "pooled fund",
  "engine.layer.largeAmount": "large-amount",
  "engine.layer.supplementary": "supplementary",
  "engine.layer.seriousIllness": "serious illness",
  "engine.layer.assistance": "assistance",
  "engine.layer.subsidy": "civil-servant subsidy",
  "engine.notComputable.word": "not computable",
  "engine.notComputable.title": "{layer}: not computable",
  "engine.notComputable.detail": "{reason} (version date {day}): the {layer} is not computable; the other layers stand, and so the personal share is not computable either (POLICY §12)",
  "engine.notComputable.dependent": "the {layer} is computed from the {on}, which is not computable (parameter {parameter} missing): the {layer} is not computable either",
  "engine.personal.title": "Personal share",
  "engine.personal.detail": "total {total} − out-of-catalog {ooc}{terms} = {personal}; the out-of-catalog {ooc} is paid by the person too",
  "engine.personal.notComputable": "the {layers} is not computable, so neither is the personal share: total {total} − out-of-catalog {ooc}{terms} − {layers} (unknown); the known layers and out-of-catalog come to {known}, within the total",
  "engine.currency.title": "Rule currency",
  "engine.currency.detail": "The version date {day} is more than a year after the versions used of: {list}. The documents give nothing newer, so these versions apply; supply newer dated values through the parameter table if a newer rule exists (POLICY §12)",
  "engine.currency.item": "{id} ({label}, from {from})",
  "engine.currency.employeeTable": "Lanzhou employee chronic-disease table (caps, years)",
  "engine.currency.residentTable": "Lanzhou resident chronic-disease table (caps, ratios, years)",
  "engine.chronic.missing": "chronic disease missing",
  "engine.chronic.several": "\"{name}\" names several diseases: chronic outpatient costs are settled disease by disease (NA 二、(四); LN art. 27); give one row per disease with its own amounts (the other approved disease may go in secondChronicDisease for the shared cap)",
  "engine.chronic.qualifierDropped": "\"{name}\" drops the qualifier of \"{row}\" ({words}): the name does not choose that row, and nothing is paid as it; give the full name from the list. Candidates: {candidates}",
  "engine.chronic.qualifierTitle": "Disease name",
  "engine.chronic.qualifierAllowed": "\"{name}\" drops the qualifier of \"{row}\"; the parameter table's reading still pays it as that row",
  "engine.chronic.yearsTitle": "Payment years",
  "engine.chronic.noApplication": "{what}: needs no application; no approval date is given, so the payment years were not checked",
  "engine.chronic.secondApprovalMissing": "second disease approval date missing: the payment years of {what} count from it, and the shared cap applies only within each disease's own years",
  "engine.chronic.blankYears": "{what}: the list gives no payment years; no period applies (POLICY §12)",
  "engine.chronic.blankYearsRefused": "{what}: the list gives no payment years; the parameter table's reading takes that as no rule, not settled",
  "engine.chronic.secondPeriodEnded": "the second disease {what} is paid for {years} years ({from} to {until}); {day} is after that, so it no longer raises the cap. Remove the second disease and settle under this disease's own cap (paid this year: this disease's payments)",
  "engine.chronic.splitRows": "\"{capless}\" has no annual cap: {first} and {second} cannot share a cap (\"the highest cap + 500\" does not apply to a disease without one). Give one row per disease with its own amounts and no second disease (NA 二、(四): settle disease by disease)",
  "engine.chronic.twoTitle": "Two approved diseases",
  "engine.chronic.twoNoCap": "{first} and {second}: one has no cap; the parameter table's reading gives the pair no cap",
  "engine.chronic.twoCap": "max({a}, {b}) + {extra} = {cap}, shared by both, each disease within its own payment years",
  "engine.chronic.groupTitle": "Group limit",
  "engine.chronic.groupAge": "\"{row}\" pays children aged {max} or under only: born {birth}, aged {age} on {day}, not paid",
  "engine.chronic.groupAgeOk": "\"{row}\" pays children aged {max} or under only: born {birth}, aged {age}, inside",
  "engine.chronic.groupNeedsBirthDate": "\"{row}\" pays children only: give the birth date (the parameter table's reading needs it)",
  "engine.chronic.groupPersonType": "\"{row}\" pays children only: the person type is {person} and no birth date is given, not paid",
  "engine.chronic.groupPersonTypeOk": "\"{row}\" pays children only: the person type is {person}, paid as a child (no birth date, the age was not checked)",
  "engine.assistance.outpatientTitle": "Medical assistance (outpatient)",
  "engine.assistance.outpatientNone": "outpatient medical assistance is given as for inpatient care only for dialysis and transplant anti-rejection care (items 51 and 52 of the 53-disease list); {row} is not one of them",
  "engine.assistance.outpatientSwitchedOff": "the parameter table's reading gives no medical assistance for the outpatient care of {row}",
  "engine.twoDisease.level": "two-disease drugs are paid only at the chosen facility of level 2 or below; a level {level} facility is not one",
  "engine.twoDisease.excluded": "a person with a chronic approval for \"{row}\" has no two-disease benefit (两病 二、(二): no hypertension or diabetes chronic approval)",
  "engine.twoDisease.conditionTitle": "Conditions",
  "engine.twoDisease.conditionLevel": "a level {level} facility (level 2 or below); {approval}",
  "engine.twoDisease.conditionNoLevel": "no hospital level given, the \"level 2 or below\" condition was not checked{level}; {approval}",
  "engine.twoDisease.approvalOther": "the chronic approval the claim records is \"{row}\", not a hypertension or diabetes approval",
  "engine.twoDisease.approvalNone": "the claim records no hypertension or diabetes chronic approval (second chronic disease blank)",
  "engine.poverty.title": "Registered poor: raised ratio (two texts disagree)",
  "engine.poverty.raised": "the poverty text raises the registered poor's inpatient ratio by {points}; the same guide says \"from 2019-07-01 the raised ratios of every group are cancelled\". The parameter table's reading (default: the later, specific poverty text stands) raises the ratio",
  "engine.poverty.cancelled": "the poverty text raises the registered poor's inpatient ratio by {points}; the same guide says \"from 2019-07-01 the raised ratios of every group are cancelled\". The parameter table's reading follows the latter: no raise",
  "engine.shenyang.poorReferralProvince": "a 困难群体 member's referral: say whether it is cross-province (in-province referrals get the local terms, LN art. 23)",
  "engine.shenyang.poorReferralThreshold": "a 困难群体 member referred in the province: the threshold is counted on from the referring stay; give the threshold already paid there (this stay's threshold is reduced by it; 0 if none)",
  "engine.shenyang.poorReferralTitle": "Threshold (困难群体 referred in the province, counted on)",
  "engine.shenyang.poorReferral": "local level {level} threshold {base} − paid at the referring stay {paid} = {t}; local terms (the local ratio and local 补充险 bands)",

  // ── audit ───────────────────────────────────────────────────────────────────────
  "audit.reason.povertyRaiseCancelled": "The registered poor's +5 points were not applied: the claim followed the 2019 cancellation of raised ratios; the project reads the later poverty text as standing (POLICY §12, a switch in the parameter table)",
  "audit.reason.poorReferralLocalMissed": "A 困难群体 member referred in the province was computed at the referral ratio: local terms apply, the threshold counted on from the referring stay (LN art. 23)",
  "audit.notCompared": "{what} not compared: {reason}",
  "audit.notComparedPersonal": "personal share not compared: a fund layer is not computable",
  "audit.note.partial": "{n} claims settled in part: {layers} not computable (parameter {params} missing); the other layers were compared, the personal share was not (POLICY §12). Supply the parameter in a parameter table",
  "audit.note.currency": "{n} claims (latest version date {latest}) are dated more than a year after the versions used of: {list}. The documents give nothing newer, so these versions apply; supply newer dated values through the parameter table if a newer rule exists (POLICY §12)",
  "audit.note.filingNotInForce": "{n} Shenyang referral claims were admitted before LN 2022 is in force ({from}): filing validity not checked (arts. 16–18 apply from that day)",
  "audit.filingExpired": "Filing expired: {detail} (LN art. 18)",
  "audit.directLongTerm": "A long-term filer's {care} costs are paid first and claimed manually back home; this claim was settled directly (Lanzhou guide {section}); the amounts are settled as usual",
  "audit.care.chronic": "chronic outpatient",
  "audit.care.twoDisease": "two-disease outpatient",
  "audit.manualAfterDirect": "The same care was already settled directly ({other}) and is claimed manually too: after direct settlement no benefit difference is refunded (SY 三、; LN art. 28)",
  "audit.directAfterManual": "The same care was already claimed manually ({other}) and is settled directly too: after direct settlement no benefit difference is refunded (SY 三、; LN art. 28)",

  // ── cli ─────────────────────────────────────────────────────────────────────────

  // ── functions ───────────────────────────────────────────────────────────────────

  // ── pane ────────────────────────────────────────────────────────────────────────
};
