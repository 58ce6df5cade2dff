-- Team schema, version 3: names in three forms (see the local database's
-- migration 0004_name_forms.sql for why). A native name written only in
-- Chinese characters moves to `chinese_name`; the test is
-- liaison_core::names::is_chinese.
ALTER TABLE organisations ADD COLUMN chinese_name text NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN chinese_name text NOT NULL DEFAULT '';

UPDATE organisations SET chinese_name = native_name, native_name = ''
WHERE native_name ~ '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]'
  AND native_name ~ '^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af·・• \u3000]+$';

UPDATE people SET chinese_name = native_name, native_name = ''
WHERE native_name ~ '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]'
  AND native_name ~ '^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af·・• \u3000]+$';
