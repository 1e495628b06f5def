package dev.downhill.trainer.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The verifier's layouts must match the schema the accessors are generated from: every field the
 * .fbs declares (and so every accessor that exists) is checked by the verifier, at the same field id.
 * Together with TfliteSchemaSourcesAreFreshTest (.fbs = generated code) this ties the verifier to the
 * generated accessors.
 */
class TfliteLayoutTest {

    @Test
    void everyLayoutFieldHasTheIdTheSchemaGivesIt() throws Exception {
        Map<String, Map<String, Integer>> schema = parseTables(Files.readString(Paths.get("src/main/fbs/tflite_subset.fbs")));
        int checkedTables = 0;
        for (Field f : TfliteLayout.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != FlatBufferTableLayout.class) {
                continue;
            }
            FlatBufferTableLayout layout = (FlatBufferTableLayout) f.get(null);
            Map<String, Integer> declared = schema.get(layout.name);
            assertThat(declared).as("table %s in the .fbs", layout.name).isNotNull();
            Map<String, Integer> inLayout = new TreeMap<>();
            for (FlatBufferTableLayout.Field field : layout.fields()) {
                if (field != null) {
                    inLayout.put(field.name(), field.id());
                }
            }
            assertThat(inLayout).as("fields and ids of %s", layout.name).isEqualTo(new TreeMap<>(declared));
            checkedTables++;
        }
        assertThat(checkedTables).isEqualTo(schema.size());
    }

    /** table name -> (non-deprecated field name -> field id); a union field takes two ids. */
    static Map<String, Map<String, Integer>> parseTables(String fbs) {
        String text = fbs.replaceAll("//[^\n]*", "");
        java.util.Set<String> unions = new java.util.HashSet<>();
        Matcher u = Pattern.compile("union\\s+(\\w+)").matcher(text);
        while (u.find()) {
            unions.add(u.group(1));
        }
        Map<String, Map<String, Integer>> tables = new LinkedHashMap<>();
        Matcher t = Pattern.compile("table\\s+(\\w+)\\s*\\{([^}]*)}").matcher(text);
        while (t.find()) {
            Map<String, Integer> fields = new LinkedHashMap<>();
            int id = 0;
            for (String decl : t.group(2).split(";")) {
                Matcher m = Pattern.compile("^\\s*(\\w+)\\s*:\\s*([\\[\\]\\w]+)(.*)$", Pattern.DOTALL).matcher(decl);
                if (!m.find()) {
                    continue;
                }
                boolean deprecated = m.group(3).contains("deprecated");
                if (unions.contains(m.group(2))) {
                    fields.put(m.group(1) + "_type", id++);
                }
                if (!deprecated) {
                    fields.put(m.group(1), id);
                }
                id++;
            }
            tables.put(t.group(1), fields);
        }
        return tables;
    }
}
