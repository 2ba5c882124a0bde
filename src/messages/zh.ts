/**
 * Every message a person reads, in Chinese: one entry per key, `{name}` where a value goes. The
 * English catalog (en.ts) has exactly the same keys and placeholders (test/messages.test.ts), and
 * every key is used somewhere in the project. Keys are grouped by the part of the project that
 * speaks: keep each group together, in the order below.
 */
export const zh = {
  // ── common: words shared by every part ───────────────────────────────────────────
  "common.listSeparator": "、",
  "common.sentenceSeparator": "；",

  // ── reader: files and cells into records (io/) ───────────────────────────────────

  // ── claim: validation of one record (src/claim/) ──────────────────────────────────

  // ── findings: emergency findings, condition and disease names (src/catalogs/) ─────

  // ── engine: rules, trace steps, parameters (src/engine/, src/params/) ─────────────
  "engine.layer.pooled": "统筹基金",
  "engine.layer.largeAmount": "大额医疗",
  "engine.layer.supplementary": "补充险",
  "engine.layer.seriousIllness": "大病保险",
  "engine.layer.assistance": "医疗救助",
  "engine.layer.subsidy": "公务员医疗补助",
  "engine.notComputable.word": "无法核算",
  "engine.notComputable.title": "{layer}：无法核算",
  "engine.notComputable.detail": "{reason}（版本日期 {day}）：{layer}无法核算；其他各项照常核算，个人负担因此也无法核算（POLICY §12）",
  "engine.notComputable.dependent": "{layer}按{on}的金额计算，而{on}无法核算（缺少参数 {parameter}）：{layer}也无法核算",
  "engine.personal.title": "个人负担（政策范围内外）",
  "engine.personal.detail": "总费用 {total} − 目录外 {ooc}{terms} = {personal}；另目录外 {ooc} 全部自付",
  "engine.personal.notComputable": "{layers}无法核算，个人负担也无法核算：总费用 {total} − 目录外 {ooc}{terms} − {layers}（未知）；已核算的各项与目录外合计 {known}，不超过总费用",
  "engine.currency.title": "政策时效",
  "engine.currency.detail": "版本日期 {day} 晚于以下参数所用版本的生效日期一年以上：{list}。文件没有给出更新的规定，仍按这些版本核算；如有新规定，可在参数表中填写新的生效日期和取值（POLICY §12）",
  "engine.currency.item": "{id}（{label}，自 {from}）",
  "engine.currency.employeeTable": "兰州职工特殊疾病长期门诊病种表（限额、年限）",
  "engine.currency.residentTable": "兰州居民门诊慢特病病种表（限额、比例、年限）",
  "engine.chronic.missing": "慢特病病种未填写",
  "engine.chronic.several": "“{name}”含多个病种：门诊慢特病费用应分病种单独结算（医保办发〔2024〕19号 二、(四)；辽医保发〔2022〕19号 第二十七条），请每个病种一行、各自填写费用；另一已认定病种可填入“第二慢特病病种”以共用限额",
  "engine.chronic.qualifierDropped": "“{name}”省略了病种“{row}”的限定词（{words}），不能认定为该病种，不予支付；请填写目录中的完整病种名称。候选：{candidates}",
  "engine.chronic.qualifierTitle": "病种名称",
  "engine.chronic.qualifierAllowed": "“{name}”省略了“{row}”的限定词；按参数表的解读仍按该病种支付",
  "engine.chronic.yearsTitle": "待遇支付年限",
  "engine.chronic.noApplication": "{what}：参保人员无须申报，未填写认定日期，待遇支付年限未核对",
  "engine.chronic.secondApprovalMissing": "第二病种认定日期未填写：{what}的待遇支付年限从其认定日期起算，两病种共用限额只在各自的年限内适用",
  "engine.chronic.blankYears": "{what}：目录未规定支付年限，不设期限（POLICY §12）",
  "engine.chronic.blankYearsRefused": "{what}：目录未规定支付年限；按参数表的解读视为文件未规定，不予核算",
  "engine.chronic.secondPeriodEnded": "第二病种{what}的待遇支付年限为 {years} 年（{from} 至 {until}），{day} 已超出：该病种不再提高限额。请去掉第二病种，按本病种限额结算（本年已支付填本病种的支付额）",
  "engine.chronic.splitRows": "“{capless}”没有年度限额：{first}与{second}不能合并限额（“以其中限额最高的病种加500元”不适用于无限额的病种）。请按病种分行，每行一个病种、各自填写费用，不填第二病种（医保办发〔2024〕19号 二、(四) 分病种单独结算）",
  "engine.chronic.twoTitle": "两种特殊疾病",
  "engine.chronic.twoNoCap": "{first}与{second}：其中一种无限额，按参数表的解读合并后无限额",
  "engine.chronic.twoCap": "max({a}, {b}) + {extra} = {cap}，两病种共用，两病种均在各自的待遇支付年限内",
  "engine.chronic.groupTitle": "限定人群",
  "engine.chronic.groupAge": "“{row}”只支付 {max} 岁及以下的儿童：出生日期 {birth}，就诊日 {day} 时 {age} 岁，不予支付",
  "engine.chronic.groupAgeOk": "“{row}”只支付 {max} 岁及以下的儿童：出生日期 {birth}，就诊时 {age} 岁，符合",
  "engine.chronic.groupNeedsBirthDate": "“{row}”只支付儿童：请填写出生日期（按参数表的解读，未填出生日期不予判断）",
  "engine.chronic.groupPersonType": "“{row}”只支付儿童：人员类别为{person}，未填出生日期，不予支付",
  "engine.chronic.groupPersonTypeOk": "“{row}”只支付儿童：人员类别为{person}，按儿童支付（未填出生日期，年龄未核对）",
  "engine.assistance.outpatientTitle": "医疗救助（门诊）",
  "engine.assistance.outpatientNone": "门诊医疗救助只对透析、器官移植抗排异参照住院救助（重特大疾病目录第51、52项）；{row}不在其列",
  "engine.assistance.outpatientSwitchedOff": "按参数表的解读，{row}的门诊费用不给予医疗救助",
  "engine.twoDisease.level": "“两病”门诊只在自主选择的二级及以下医疗机构报销，{level}医疗机构不在其列",
  "engine.twoDisease.excluded": "已办理“{row}”长期门诊（慢特病认定）者不享受“两病”门诊（两病 二、(二)：未办理过高血压、糖尿病长期门诊）",
  "engine.twoDisease.conditionTitle": "适用条件",
  "engine.twoDisease.conditionLevel": "{level}医疗机构（二级及以下）；{approval}",
  "engine.twoDisease.conditionNoLevel": "未填写医院等级，“二级及以下”的条件未核对{level}；{approval}",
  "engine.twoDisease.approvalOther": "理赔记录的慢特病认定为“{row}”，不是高血压、糖尿病长期门诊",
  "engine.twoDisease.approvalNone": "理赔未记录高血压、糖尿病长期门诊认定（第二慢特病病种为空）",
  "engine.poverty.title": "建档立卡提高比例（两段文字冲突）",
  "engine.poverty.raised": "扶贫政策：建档立卡贫困人口住院报销比例提高 {points}；同一指南又写“2019年7月1日起，取消了各类人员提高比例”。按参数表的解读（默认：后出、专门的扶贫规定为准）提高比例",
  "engine.poverty.cancelled": "扶贫政策写建档立卡贫困人口住院报销比例提高 {points}，同一指南又写“2019年7月1日起，取消了各类人员提高比例”。按参数表的解读以后者为准，不提高",
  "engine.shenyang.poorReferralProvince": "困难群体异地转诊：需注明是否跨省（省内转诊执行参保地本地就医待遇，辽医保发〔2022〕19号 第二十三条）",
  "engine.shenyang.poorReferralThreshold": "困难群体省内转诊：起付标准连续计算，需填写转出医院已付起付线（本次起付标准扣除该金额；未付填 0）",
  "engine.shenyang.poorReferralTitle": "起付标准（困难群体省内转诊，连续计算）",
  "engine.shenyang.poorReferral": "本地 {level} 级医院起付标准 {base} − 转出医院已付 {paid} = {t}；执行参保地本地就医待遇（本地比例、本地补充险分段）",

  // ── audit: comparisons, reasons, report sheets (src/audit/) ───────────────────────
  "audit.reason.povertyRaiseCancelled": "建档立卡提高比例漏算：申报按“2019年7月1日起取消提高比例”计算，本项目默认以后出的扶贫规定为准，提高5个百分点（POLICY §12，可在参数表中切换）",
  "audit.reason.poorReferralLocalMissed": "困难群体省内转诊按异地转诊比例计算：应执行参保地本地就医待遇，起付标准连续计算（辽医保发〔2022〕19号 第二十三条）",
  "audit.notCompared": "{what}未能核对：{reason}",
  "audit.notComparedPersonal": "个人负担未能核对：有一项基金支付无法核算",
  "audit.note.partial": "{n} 笔报销单部分核算：{layers}无法核算（缺少参数 {params}），其余各项已核对，个人负担未核对（POLICY §12）；可在参数表中提供该参数",
  "audit.note.currency": "{n} 笔报销单（最晚版本日期 {latest}）的版本日期晚于所用参数版本的生效日期一年以上：{list}。文件没有给出更新的规定，仍按这些版本核算；如有新规定，可在参数表中填写新的生效日期和取值（POLICY §12）",
  "audit.note.filingNotInForce": "{n} 笔沈阳转诊报销单的入院日期早于辽医保发〔2022〕19号施行日期 {from}，未核对备案有效期（第十六至十八条自该日起适用）",
  "audit.filingExpired": "备案已过期：{detail}（辽医保发〔2022〕19号 第十八条）",
  "audit.directLongTerm": "异地长期居住（安置）备案人员的{care}费用应先由本人垫付、回参保地手工报销，本单为直接结算（兰州指南 {section}）；金额照常核算",
  "audit.care.chronic": "特殊疾病长期门诊",
  "audit.care.twoDisease": "“两病”门诊",
  "audit.manualAfterDirect": "同一次就医已直接结算（{other}），又申请手工报销：异地就医直接结算后，不得因待遇差等原因办理退费（沈医保发〔2021〕22号 三、；辽医保发〔2022〕19号 第二十八条）",
  "audit.directAfterManual": "同一次就医已申请手工报销（{other}），又有直接结算：异地就医直接结算后，不得因待遇差等原因办理退费（沈医保发〔2021〕22号 三、；辽医保发〔2022〕19号 第二十八条）",

  // ── cli: the yibao command line (cli/) ────────────────────────────────────────────

  // ── functions: custom functions (functions/) ──────────────────────────────────────

  // ── pane: the task pane (taskpane/) ────────────────────────────────────────────────
} as const;
