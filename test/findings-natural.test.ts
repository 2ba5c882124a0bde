/**
 * Natural findings (issue 12): texts as a doctor or an auditor copies them from a record, with the
 * answer each must get. None may come out met or not met where the right answer is a refusal: a
 * refused row must give no answer at all. Each group cites the key criterion it checks (CY
 * 急危重病参考病种及关键标准 = SY 附件 = LN 附件, same numbering; excerpts checked against the seed).
 */
import { describe, expect, it } from "vitest";
import { CONDITIONS, evaluate, findCondition, parseFindings } from "../src/catalogs/emergency";
import { refFound } from "./helpers/seeds";

type Answer = "met" | "not_met" | "unknown" | "refused";
/** [condition, findings text, answer] */
type Case = [string, string, Answer];

/** The criterion text each group checks, as the seed writes it (CY 急危重病参考病种及关键标准). */
const CRITERIA: Record<string, string> = {
  心脏骤停: "行心肺复苏或气管插管治疗",
  急性冠脉综合征: "发病12小时内肌钙蛋白动态升高且达到正常值上限4倍及以上",
  致命性心律失常: "快速心房颤动（房颤）心率>150次/分",
  高血压危象: "伴视乳头水肿",
  休克: "关键标准：收缩压",
  主动脉夹层: "急性发病伴收缩压",
  重症病毒性心肌炎: "较正常值上限增高5倍以上",
  呼吸衰竭: "或行气管插管及有创呼吸机治疗",
  急性呼吸窘迫综合征: "影像显示肺部渗出伴氧合指数",
  自发性气胸: "无COPD病史且无外伤史且影像显示气胸",
  大咯血: "就诊前一次性咯血100ml以上（或24小时咯血量超过600ml）",
  急性危险性上消化道出血: "行急诊内镜下止血；行急诊手术止血",
  急性肝衰竭: "关键标准：总胆红素",
  糖尿病酮症酸中毒: "伴尿酮体阳性",
  非酮性高渗性糖尿病昏迷: "关键标准：血糖",
  甲亢危象: "且伴甲状腺素T4增高",
  严重酸碱失衡及电解质紊乱: "小于120mmol/L",
  急性肾功能衰竭: "48小时内肌酐增加超过40",
  溶血尿毒综合征: "网织红细胞大于10%",
  急性横纹肌溶解: "肌红蛋白大于1000",
  急性输尿管结石: "伴肾盂积水",
  弥散性血管内凝血: "延长3秒以上，且伴D-二聚体增高",
  急性血小板减少: "无血液病病史且伴血小板",
  血栓性血小板减少性紫癜: "且伴急性肾衰竭",
  急性一氧化碳中毒: "关键标准：碳氧血红蛋白",
  重度子痫: "伴尿蛋白阳性",
  小儿高热惊厥: "且应用以下任意一种药物",
  自发性蛛网膜下腔出血: "无外伤史且影像显示蛛网膜下腔出血",
  格林巴利综合征: "急性发病伴肌电图显示外周神经损伤伴脑脊液蛋白增高",
};

const CASES: Case[] = [
  // 一、(一) 心脏骤停
  ["心脏骤停", "患者突发意识丧失，行心肺复苏", "met"],
  ["心脏骤停", "CPR 已行", "met"],
  ["心脏骤停", "经口气管插管", "met"],
  ["心脏骤停", "未行心肺复苏；未行气管插管", "not_met"],
  ["心脏骤停", "未行心肺复苏", "unknown"],
  ["cardiac arrest", "cardiopulmonary resuscitation=yes", "met"],
  // 一、(二) 急性冠脉综合征
  ["急性冠脉综合征", "发病12小时内肌钙蛋白动态升高；发病12小时内肌钙蛋白 4倍ULN", "met"],
  ["心肌梗死", "肌钙蛋白动态升高；12h内肌钙蛋白 3.9×ULN", "unknown"],
  ["心肌梗死", "肌钙蛋白动态升高；12h内肌钙蛋白 3.9×ULN；CK-MB动态升高；发病12小时内CK-MB 3倍", "not_met"],
  ["急性心肌梗死", "CK-MB动态升高；发病12h内CK-MB 4倍", "met"],
  ["ACS", "肌钙蛋白 10倍ULN", "unknown"],
  ["急性冠脉综合征", "肌钙蛋白 0.8 ng/mL", "refused"],
  ["STEMI", "发病12小时内CK-MB 4,5倍", "refused"],
  // 一、(三) 致命性心律失常
  ["致命性心律失常", "心电图示室颤", "met"],
  ["致命性心律失常", "心室颤动(室颤)", "met"],
  ["致命性心律失常", "ECG: VT", "met"],
  ["致命性心律失常", "心电图=三度房室传导阻滞", "met"],
  ["致命性心律失常", "心电图=快速房颤；心率 160次/分", "met"],
  ["致命性心律失常", "心电图=房颤；HR 150bpm", "not_met"],
  ["致命性心律失常", "心电图=窦性心动过缓；心率 38次/分", "met"],
  ["致命性心律失常", "心电图=窦缓；心率40", "not_met"],
  ["致命性心律失常", "心电图=房颤", "unknown"],
  ["致命性心律失常", "心电图=窦性心律", "refused"],
  ["致命性心律失常", "心电图=房颤；脉搏 160", "unknown"],
  // 一、(四) 高血压危象
  ["高血压危象", "BP 210/135mmHg；眼底视乳头水肿", "met"],
  ["高血压危象", "血压 200/110；视乳头水肿(+)", "met"],
  ["高血压危象", "血压 199/129；视乳头水肿", "not_met"],
  ["高血压危象", "血压 230/140；无视乳头水肿", "not_met"],
  ["高血压危象", "血压 230/140", "unknown"],
  ["高血压危象", "血压 140/230；视乳头水肿", "refused"],
  ["hypertensive emergency", "BP 28/18 kPa；papilledema", "met"],
  // 一、(六) 休克
  ["休克", "血压 75/40mmHg，乳酸 3.5mmol/L", "met"],
  ["休克", "收缩压=75;乳酸=3.5;GCS=7", "met"],
  ["感染性休克", "BP 80/50；Lac 3.01", "met"],
  ["休克", "BP 80/50；Lac 3", "not_met"],
  ["休克", "BP 81/50；Lac 6", "not_met"],
  ["休克", "乳酸 3,5；收缩压 75", "refused"],
  ["休克", "乳酸 3, 5；收缩压 75", "refused"],
  ["休克", "收缩压 75；乳酸 350", "refused"],
  ["休克", "收缩压 75；乳酸>3", "met"],
  ["休克", "收缩压 75；乳酸 约4", "refused"],
  ["休克", "血压 测不出；乳酸 8", "refused"],
  ["休克", "收缩压 75", "unknown"],
  ["septic shock", "SBP 70 mmHg; lactate 4.2 mmol/L", "met"],
  ["休克", "入院血压 70/40，复查乳酸 5.1", "met"],
  ["休克", "收缩压 75；乳酸 3.5；乳酸 2.1", "refused"],
  // 一、(七) 主动脉夹层
  ["主动脉夹层", "急性起病；BP 180/100；CTA示主动脉夹层", "met"],
  ["主动脉夹层", "急性发病；血压 179/100；CTA示主动脉夹层", "not_met"],
  ["aortic dissection", "急性发病；SBP 200", "unknown"],
  // 一、(八) 重症病毒性心肌炎
  ["重症病毒性心肌炎", "心超示心力衰竭；肌钙蛋白 6倍ULN", "met"],
  ["暴发性心肌炎", "影像显示心力衰竭；cTnI 5倍ULN；CK-MB 5倍", "not_met"],
  ["重症病毒性心肌炎", "影像显示心力衰竭；肌钙蛋白 5倍以上", "met"],
  ["重症病毒性心肌炎", "影像显示心力衰竭；肌钙蛋白 5倍及以上", "unknown"],
  // 二、(一)(二) 呼吸衰竭、重症哮喘
  ["呼吸衰竭", "PaO2 55mmHg，PaCO2 48mmHg", "met"],
  ["II型呼吸衰竭", "PaO2 62；PaCO2 51", "met"],
  ["呼吸衰竭", "PaO2 60；PaCO2 50；未行气管插管", "not_met"],
  ["呼吸衰竭", "PaO2 8 kPa；PaCO2 6.6kPa；未行气管插管", "not_met"],
  ["呼吸衰竭", "PaO2 7.9 kPa", "met"],
  ["呼吸衰竭", "行气管插管；有创机械通气", "met"],
  ["呼吸衰竭", "行气管插管", "unknown"],
  ["呼吸衰竭", "SpO2 85%", "unknown"],
  ["呼吸衰竭", "PaO255", "refused"],
  ["重症支气管哮喘急性发作", "PaCO2 55 mmHg", "met"],
  ["status asthmaticus", "PaO2 70；PaCO2 45；未行气管插管", "not_met"],
  // 二、(四) 急性呼吸窘迫综合征
  ["急性呼吸窘迫综合征", "胸片示双肺渗出；PaO2=70；FiO2=0.4", "met"],
  ["ARDS", "影像显示肺部渗出；PaO2 70mmHg；FiO2 40%", "met"],
  ["ARDS", "影像显示肺部渗出；PaO2 80；FiO2 0.4", "not_met"],
  ["ARDS", "影像显示肺部渗出；PaO2 70；FiO2 0.4%", "refused"],
  ["ARDS", "影像显示肺部渗出；P/F 150", "met"],
  ["ARDS", "影像显示肺部渗出；PaO2 70；吸氧 3L/min", "unknown"],
  ["ARDS", "影像显示肺部渗出；PaO2 70；FiO2 3L/min", "refused"],
  // 二、(五) 自发性气胸
  ["自发性气胸", "COPD病史=无；无外伤史；CT示气胸", "met"],
  ["自发性气胸", "否认慢阻肺病史，否认外伤史，胸片示右侧气胸", "unknown"],
  ["气胸", "有外伤史；CT示气胸；无COPD病史", "not_met"],
  ["自发性气胸", "外伤史；CT示气胸；无COPD病史", "refused"],
  ["自发性气胸", "无COPD病史；无外伤史；胸部CT示气胸", "met"],
  // 二、(六) 大咯血
  ["大咯血", "就诊前一次性咯血 150ml；应用垂体后叶素", "met"],
  ["大咯血", "一次性咯血 100ml；24小时咯血量 500ml；垂体后叶素治疗", "not_met"],
  ["大咯血", "24h咯血量 0.7L；急诊介入止血", "met"],
  ["大咯血", "一次性咯血 200ml", "unknown"],
  // 三、(一) 急性危险性上消化道出血
  ["急性危险性上消化道出血", "Hb 65g/L；急诊内镜止血", "met"],
  ["上消化道出血", "Hb 6.5 g/dL；Lac 3.2", "met"],
  ["上消化道出血", "Hb 6.5；Lac 3.2", "refused"],
  ["上消化道出血", "Hb 70；乳酸 4", "not_met"],
  ["上消化道出血", "Hb 60；乳酸 4", "met"],
  // 三、(三) 急性肝衰竭
  ["急性肝衰竭", "TBil 160 μmol/L", "met"],
  ["急性肝衰竭", "总胆红素 150", "not_met"],
  ["急性肝衰竭", "总胆红素 0.2 mmol/L", "met"],
  ["急性肝衰竭", "总胆红素 9.5 mg/dL", "refused"],
  ["acute liver failure", "TBIL 151", "met"],
  // 三、(八) 消化道穿孔; 三、(十) 急性阑尾炎; 三、(二) 胰腺炎
  ["消化道穿孔", "立位腹平片示膈下游离气体", "met"],
  ["胃穿孔", "腹部CT未见游离气体；未行急诊手术", "not_met"],
  ["急性阑尾炎", "行急诊手术", "met"],
  ["急性胰腺炎", "CT示胰腺坏死", "met"],
  ["急性胰腺炎", "CT未见胰腺坏死", "not_met"],
  // 四、(一) 糖尿病酮症酸中毒
  ["糖尿病酮症酸中毒", "血糖 25.6mmol/L；尿酮体(+++)；pH 7.05", "met"],
  ["DKA", "GLU 20；尿酮体=阳性；pH 7.1", "not_met"],
  ["DKA", "GLU 20；尿酮体±；pH 7.0", "refused"],
  ["DKA", "GLU 20；KET+；pH 7,05", "refused"],
  ["DKA", "GLU 20；尿酮体(-)；pH 6.9", "not_met"],
  ["DKA", "GLU 400 mg/dL；尿酮体+；pH 6.9", "refused"],
  // 四、(二) 非酮性高渗性糖尿病昏迷
  ["非酮性高渗性糖尿病昏迷", "血糖 35；血钠 150；血钾 4", "met"],
  ["HHS", "血糖 35；K+ 4；Na+ 146", "not_met"],
  ["高渗高血糖综合征", "血糖 35；K+ 4", "unknown"],
  // 四、(三) 甲亢危象
  ["甲亢危象", "心率 150；TSH 0.05 μIU/mL；T4 增高", "met"],
  ["甲亢危象", "HR 150；TSH <0.005；FT4 升高", "unknown"],
  ["thyroid storm", "HR 150；TSH <0.005 mIU/L；TT4 升高", "met"],
  ["甲亢危象", "心率 150；TSH 0.1；T4 增高", "not_met"],
  ["甲亢危象", "心率 150；TSH 0.05 mIU/mL；T4 增高", "refused"],
  ["甲亢危象", "心率 150；TSH 0.05；T4 180", "refused"],
  // 四、(六) 严重酸碱失衡及电解质紊乱
  ["严重酸碱失衡及电解质紊乱", "血钾 6.8mmol/L", "met"],
  ["高钾血症", "K+ 6.5", "unknown"],
  ["高钾血症", "K+ 6.5；Na+ 140；Ca2+ 2.3；pH 7.35", "not_met"],
  ["低钠血症", "Na+ 118", "met"],
  ["电解质紊乱", "血钙 4 mEq/L；血钾 4.0；血钠 140；pH 7.4", "not_met"],
  ["电解质紊乱", "血钙 3.8 mEq/L", "met"],
  ["电解质紊乱", "pH 7.65", "met"],
  ["电解质紊乱", "K+ 65", "refused"],
  // 五、急性脑血管病、癫痫、蛛网膜下腔出血、重症脑炎、格林巴利
  ["脑梗死", "头颅MRI示新发梗死灶", "met"],
  ["脑出血", "头颅CT示出血病灶", "met"],
  ["stroke", "CT未见出血病灶；MRI未见新发梗死", "not_met"],
  ["癫痫持续状态", "脑电图示癫痫样放电", "met"],
  ["自发性蛛网膜下腔出血", "否认外伤史；CT示蛛网膜下腔出血", "met"],
  ["SAH", "有外伤史；CT示蛛网膜下腔出血", "not_met"],
  ["重症脑炎", "脑脊液蛋白 升高；脑脊液白细胞 增高", "met"],
  ["重症脑炎", "脑脊液蛋白 1.2 g/L；脑脊液细胞数 增高", "refused"],
  ["格林巴利综合征", "急性起病；肌电图示周围神经损害；脑脊液蛋白升高；行气管插管；有创呼吸机", "met"],
  // 六、泌尿系统
  ["急性肾功能衰竭", "48小时内肌酐增加 45μmol/L", "met"],
  ["急性肾损伤", "48h内肌酐增加 40", "not_met"],
  ["急性肾功能衰竭", "肌酐 450", "unknown"],
  ["溶血尿毒综合征", "网织红细胞 12%；血涂片见破碎红细胞；急性肾衰竭", "met"],
  ["溶血尿毒综合征", "网织红细胞 0.12；破碎红细胞；急性肾衰竭", "refused"],
  ["溶血尿毒综合征", "网织红细胞 10%；破碎红细胞；AKI", "not_met"],
  ["急性横纹肌溶解", "肌红蛋白 1500 ng/mL；急性肾衰竭", "met"],
  ["横纹肌溶解", "肌红蛋白 1,500；急性肾衰竭", "refused"],
  ["横纹肌溶解", "肌红蛋白 1000 μg/L；AKI", "not_met"],
  ["急性输尿管结石", "CT示输尿管结石直径 6mm；肾积水", "met"],
  ["急性输尿管结石", "结石直径 5mm；肾盂积水", "not_met"],
  ["输尿管结石", "结石大小 6×4mm；肾积水", "refused"],
  ["急性输尿管结石", "结石直径 0.6cm；无肾积水", "not_met"],
  // 七、血液系统
  ["弥散性血管内凝血", "PLT 45×10^9/L；PT延长 4秒；D-二聚体=升高", "met"],
  ["DIC", "PLT 50；PT延长 3秒；D-二聚体升高", "not_met"],
  ["DIC", "血小板 100 G/L；PT延长 3.5s；D-D 阳性", "met"],
  ["DIC", "血小板 100；PT 16秒；D-二聚体升高", "refused"],
  ["DIC", "血小板 100；PT延长 3.5秒；D-二聚体 5.2 mg/L", "refused"],
  ["急性血小板减少", "血液病病史=否；血小板 15 G/L", "met"],
  ["急性血小板减少", "既往无血液病史；PLT 20", "met"],
  ["急性血小板减少", "既往无血液病史；PLT 21", "not_met"],
  ["急性血小板减少", "有血液病史；PLT 5", "not_met"],
  ["急性血小板减少", "PLT 15", "unknown"],
  ["急性血小板减少", "无血液病史；血小板 1.5万/μL", "met"],
  ["血栓性血小板减少性紫癜", "PLT 30；血涂片可见破碎红细胞；急性肾衰竭", "met"],
  ["TTP", "PLT 30；裂红细胞；急性肾衰竭=否", "not_met"],
  ["急性溶血性贫血", "网织红细胞 15%；间接胆红素 30μmol/L", "met"],
  // 八、意外伤害
  ["急性一氧化碳中毒", "COHb 25%", "met"],
  ["CO中毒", "碳氧血红蛋白 20%", "not_met"],
  ["煤气中毒", "COHb 0.25", "refused"],
  ["急性亚硝酸盐中毒", "MetHb 12%", "met"],
  ["蛇咬伤", "咬伤照片；注射抗蛇毒血清", "met"],
  // 九、妇科
  ["宫外孕破裂出血", "B超示宫外孕破裂", "met"],
  ["重度子痫", "B超示妊娠状态；尿蛋白(+++)；肌酐 180", "met"],
  ["重度子痫", "影像显示妊娠状态；尿蛋白(+)；Cr 170", "not_met"],
  ["重度子痫", "影像显示妊娠状态；尿蛋白 弱阳性；Cr 200", "refused"],
  ["重度子痫", "影像显示妊娠状态；尿蛋白 阴性；Cr 200", "not_met"],
  // 十、儿科
  ["小儿高热惊厥", "体温39.5度；地西泮", "met"],
  ["高热惊厥", "体温 39℃；用药=苯巴比妥", "not_met"],
  ["高热惊厥", "T 39.2；用药=安定", "met"],
  ["高热惊厥", "腋温 103°F；水合氯醛", "met"],
  ["高热惊厥", "体温 39.5；用药=布洛芬", "refused"],
  // 十二、传染性疾病
  ["传染性疾病", "传染病诊断=霍乱", "met"],
  ["新冠肺炎", "传染病诊断=新冠", "met"],
  ["传染性疾病", "传染病诊断=乙型肝炎", "refused"],
];

describe("natural findings strings (issue 12)", () => {
  it("at least 150 rows, every condition name exact, every criterion excerpt in the seed", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    for (const [c] of CASES) expect(findCondition(c).condition, c).toBeDefined();
    for (const [name, excerpt] of Object.entries(CRITERIA)) {
      const c = findCondition(name).condition!;
      expect(refFound({ doc: "CY", section: c.no, excerpt }), `${name}: ${excerpt}`).toBe(true);
    }
    expect(new Set(CASES.map(([c]) => findCondition(c).condition!.id)).size).toBeGreaterThan(40);
    expect(CONDITIONS).toHaveLength(56);
  });
  it.each(CASES)("%s: %s → %s", (name, text, answer) => {
    const p = parseFindings(text);
    if (answer === "refused") {
      // a refusal gives no answer: problems name the item; callers (engine, IS_EMERGENCY, CLI) stop
      expect(p.problems.length, JSON.stringify(p.readings.map((r) => r.text.zh))).toBeGreaterThan(0);
      for (const x of p.problems) expect(text.replace(/\s+/g, "")).toContain(x.item.replace(/\s+/g, ""));
      return;
    }
    expect(p.problems.map((x) => x.message.zh)).toEqual([]);
    expect(evaluate(findCondition(name).condition!, p.findings).result).toBe(answer);
  });
});
