-- Readings (ふりがな) are stored in hiragana from now on (the forms convert them on saving);
-- readings saved before in katakana are converted once, so that 五十音順 sorts them together.
-- Data only: no change to the schema.
UPDATE "FacilityProfile"
SET "nameKana" = translate("nameKana", 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ', 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ')
WHERE "nameKana" ~ '[ァ-ヶ]';

UPDATE "PhysicianProfile"
SET "nameKana" = translate("nameKana", 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ', 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ')
WHERE "nameKana" ~ '[ァ-ヶ]';
