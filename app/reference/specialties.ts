/**
 * The 19 basic specialty areas (基本領域) of the Japanese Medical Specialty Board's
 * specialist system: what a physician names as their own specialty.
 */
export const SPECIALTIES: ReadonlyArray<{ code: string; name: string }> = [
  { code: "internal-medicine", name: "内科" },
  { code: "pediatrics", name: "小児科" },
  { code: "dermatology", name: "皮膚科" },
  { code: "psychiatry", name: "精神科" },
  { code: "surgery", name: "外科" },
  { code: "orthopedics", name: "整形外科" },
  { code: "obstetrics-gynecology", name: "産婦人科" },
  { code: "ophthalmology", name: "眼科" },
  { code: "otorhinolaryngology", name: "耳鼻咽喉科" },
  { code: "urology", name: "泌尿器科" },
  { code: "neurosurgery", name: "脳神経外科" },
  { code: "radiology", name: "放射線科" },
  { code: "anesthesiology", name: "麻酔科" },
  { code: "pathology", name: "病理" },
  { code: "laboratory-medicine", name: "臨床検査" },
  { code: "emergency-medicine", name: "救急科" },
  { code: "plastic-surgery", name: "形成外科" },
  { code: "rehabilitation", name: "リハビリテーション科" },
  { code: "general-medicine", name: "総合診療" },
];
