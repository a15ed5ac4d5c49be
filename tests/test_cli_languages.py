"""Every command line's words in the reader's language: what seal score on several files,
seal compare, generate, template, report, staff, i18n and db init --demo print (their
refusals too), run in Spanish and French (SEAL_LANG) against the same run in English: the
translated words are there and no English sentence is left."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

import seal_engine as se
from seal_engine.cli import app

from .conftest import ROOT

EXAMPLES = ROOT / "assessments"
LABOUR = EXAMPLES / "valdoria-ministry-of-labour"
UNDP = "undp-seal-public-institutions"
ML25 = "valdoria-ministry-of-labour-2025"
WIDE = {"COLUMNS": "250", "SEAL_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
EXPORT = (b"emp_no,full_name,gender,grade,weekly_hours,base_salary,bonus_paid\n"
          b"1,Ana,2,senior,40,5000,100\n2,Ben,1,senior,40,5200,0\n"
          b"3,Cid,2,manager,20,2000,50\n4,Dee,1,manager,40,4100,0\n")
MAPPING = ("columns:\n  emp_no: person_id\n  full_name: null\n  gender: sex\n"
           "  weekly_hours: hours\n  base_salary: basic_pay\n  bonus_paid: complementary_pay\n"
           "hours: per_week\npay: monthly\nvalues:\n  sex: {'1': male, '2': female}\n")

# what each language says where English says the words of the other column
WORDS = {
    "es": {"levels": ("Bronce", "Plata"), "no_level": "sin nivel", "all": "todas",
           "source": "Fuente: archivos en ", "scope": "subnacional", "breakdown_all": "total",
           "scored": "se calculó el puntaje de 2 evaluaciones",
           "generated": ("se escribieron 2 evaluaciones de 2 instituciones", "pruebe: seal "
                         "compare"),
           "xlsx": "un libro xlsx se escribe en un archivo: indique -o ARCHIVO",
           "plan": "la evidencia del plan de acción va en una evaluación YAML",
           "as": "--as es para la base de datos, no para archivos",
           "missing": "no es un archivo ni una carpeta",
           "one": "un informe de resultados trata de una sola evaluación",
           "standard": "--standard es para archivos",
           "suggest": ("# columnas de hr-export.csv: emp_no", "# null: la columna se deja fuera"),
           "no_mapping": "VAL-MLSP no tiene correspondencia de columnas; defina una con: seal "
                         "staff mapping set VAL-MLSP MAPPING.yaml",
           "saved": "correspondencia de columnas de VAL-MLSP: versión 1",
           "shown": "# versión 1, guardada el ",
           "stored": f"se guardaron los datos del personal de {ML25} (con la correspondencia de "
                     "columnas de la institución, versión 1): versión 2",
           "unchanged": f"los datos del personal de {ML25} ya son este archivo",
           "both": "indique --columns o --as-is, no ambos",
           "no_file": "no existe el archivo",
           "exported": f"textos de {UNDP} v3 (",
           "no_language": "no indica ningún idioma (su cabecera Language)",
           "imported": f"registros de {UNDP} v3 en fr",
           "complete": "todos los idiomas distribuidos están completos: es, fr, pt",
           "roles": ("administrador/a: admin@demo.seal", "punto focal de VAL-MLSP: focal@",
                     "analista de gobierno de Republic of Valdoria: analyst@"),
           "process": ("realizada (carta firmada el 10 de mayo de 2023)",
                       "(aprobado el 20 de noviembre de 2024, por el comité, evaluación ",
                       "30 acciones en el plan, 3 realizadas, la postulación puede "
                       "presentarse a partir del 20 de noviembre de 2025",
                       "devuelta con solicitud de cambios)", "certificado vigente: "),
           "standards": ("Versión  Título", "(no se usa: el mismo id y la misma versión"),
           "error": "error: ", "what_if": "Cumplido (supuesto en una simulación); antes: "},
    "fr": {"levels": ("Bronze", "Argent"), "no_level": "aucun niveau", "all": "toutes",
           "source": "Source : fichiers dans ", "scope": "infranational",
           "breakdown_all": "ensemble",
           "scored": "2 évaluations notées",
           "generated": ("2 évaluations de 2 institutions", "essayez : seal compare"),
           "xlsx": "un classeur xlsx s'écrit dans un fichier : indiquez -o FICHIER",
           "plan": "les justificatifs du plan d'action vont dans une évaluation YAML",
           "as": "--as s'applique à la base de données, pas aux fichiers",
           "missing": "n'est ni un fichier ni un dossier",
           "one": "un rapport (résultats) porte sur une seule évaluation",
           "standard": "--standard s'applique aux fichiers",
           "suggest": ("# colonnes de hr-export.csv : emp_no",
                       "# null : la colonne est laissée de côté"),
           "no_mapping": "VAL-MLSP n'a pas de correspondance de colonnes ; définissez-en une "
                         "avec : seal staff mapping set VAL-MLSP MAPPING.yaml",
           "saved": "correspondance de colonnes de VAL-MLSP : version 1",
           "shown": "# version 1, enregistrée le ",
           "stored": f"données du personnel de {ML25} enregistrées (selon la correspondance de "
                     "colonnes de l'institution, version 1) : version 2",
           "unchanged": f"les données du personnel de {ML25} sont déjà ce fichier",
           "both": "indiquez --columns ou --as-is, pas les deux",
           "no_file": "le fichier",
           "exported": f"textes de {UNDP} v3 (",
           "no_language": "n'indique aucune langue (son en-tête Language)",
           "imported": f"enregistrements de {UNDP} v3 en fr",
           "complete": "toutes les langues livrées sont complètes : es, fr, pt",
           "roles": ("administrateur : admin@demo.seal", "point focal de VAL-MLSP : focal@",
                     "analyste gouvernemental de Republic of Valdoria : analyst@"),
           "process": ("réalisée (lettre signée le 10 mai 2023)",
                       "(approuvé le 20 novembre 2024, par le comité, évaluation ",
                       "30 actions dans le plan, 3 réalisées, la candidature peut être "
                       "déposée à partir du 20 novembre 2025",
                       "renvoyée pour modifications)", "certificat détenu : "),
           "standards": ("Version  Titre", "(non utilisé : le même identifiant"),
           "error": "erreur : ", "what_if": "Rempli (hypothèse de simulation) ; auparavant : "},
}
LANGS = sorted(WORDS)


class Ran:
    """A run's exit code and output, French typography's narrow and no-break spaces as
    spaces."""

    def __init__(self, result):
        self.exit_code = result.exit_code
        self.output, self.stdout = (re.sub("[\u00a0\u202f]", " ", text)
                                    for text in (result.output, result.stdout))


def run(*args, lang: str = "", **env: str) -> Ran:
    return Ran(CliRunner().invoke(app, [str(a) for a in args],
                                  env={**WIDE, "SEAL_LANG": lang, **env}))


def english_left(english: str, other: str, data: tuple[str, ...] = ()) -> list[str]:
    """The lines of ``other`` that are lines of ``english`` too and hold words (not only data:
    numbers, paths, ids, the examples' names, ``data``)."""
    same = set(english.splitlines())
    left = []
    for line in other.splitlines():
        if line not in same:
            continue
        rest = line
        for d in data:
            rest = rest.replace(d, " ")
        rest = re.sub(r"\S*[/@.\d]\S*", " ", rest)  # paths, addresses, versions, figures
        if re.search(r"[^\W\d_]{3,}", rest):
            left.append(line)
    return left


@pytest.mark.parametrize("lang", LANGS)
def test_batch_score_names_levels_by_their_titles_in_the_language(lang):
    english = run("score", LABOUR, "--workers", 1)
    other = run("score", LABOUR, "--workers", 1, lang=lang)
    assert english.exit_code == other.exit_code == 0, other.output
    assert "Bronze" in english.stdout and "Silver" in english.stdout  # titles, not ids
    w = WORDS[lang]
    for title in w["levels"]:
        assert re.search(rf"\s{title}\s", other.stdout), other.stdout
    assert not re.search(r"\s(bronze|silver)\s", other.stdout)
    assert w["scored"] in other.output and "scored 2 assessments" not in other.output
    names = ("Ministry of Labour and Social Protection",)
    assert english_left(english.stdout, other.stdout, names) == []


@pytest.mark.parametrize("lang", LANGS)
def test_compare_table_words_in_the_language(lang):
    english = run("compare", EXAMPLES, "--workers", 1)
    other = run("compare", EXAMPLES, "--workers", 1, lang=lang)
    assert english.exit_code == other.exit_code == 0, other.output
    for word in ("no level", "Source: files: ", "\nall ", "subnational"):
        assert word in english.stdout
    w = WORDS[lang]
    assert w["source"] in other.stdout
    assert re.search(rf"^{w['all']}\s+6\s", other.stdout, re.M), other.stdout
    assert re.search(rf"^{w['breakdown_all']}\s", other.stdout, re.M)
    assert re.search(rf"^{w['scope']}\s+2\s", other.stdout, re.M)
    assert w["no_level"] in other.stdout
    assert f"{w['no_level']} → " in other.stdout  # the change between periods
    for word in ("no level", "files:", "subnational"):
        assert word not in other.stdout
    assert not re.search(r"^all\s", other.stdout, re.M)


@pytest.mark.parametrize("lang", LANGS)
def test_generate_says_what_it_wrote_in_the_language(lang, tmp_path):
    args = ("generate", "--institutions", 2, "--periods", "2025", "--no-workforce")
    english = run(*args, "-o", tmp_path / "en")
    other = run(*args, "-o", tmp_path / lang, lang=lang)
    assert english.exit_code == other.exit_code == 0, other.output
    assert "wrote 2 assessments of 2 institutions" in english.output
    assert "try: seal compare" in english.output
    for words in WORDS[lang]["generated"]:
        assert words in other.output, other.output
    assert "wrote" not in other.output and "try:" not in other.output


@pytest.mark.parametrize("lang", LANGS)
def test_template_refusals_in_the_language(lang, tmp_path):
    w = WORDS[lang]
    r = run("template", UNDP, "-f", "xlsx", lang=lang)
    assert r.exit_code == 2 and w["xlsx"] in r.output, r.output
    r = run("template", UNDP, "-f", "xlsx", "-o", tmp_path / "q.xlsx", "--plan",
            tmp_path / "plan.yaml", lang=lang)
    assert r.exit_code == 2 and w["plan"] in " ".join(r.output.split()), r.output
    assert "written to a file" not in r.output and "goes into" not in r.output


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_extra_is_an_error_in_the_language(lang, tmp_path, monkeypatch):
    def missing(*args, **kwargs):
        raise ImportError("Excel workbooks need openpyxl: pip install 'seal-engine[xlsx]'")

    monkeypatch.setattr(se, "questionnaire_workbook", missing)
    r = run("template", UNDP, "-f", "xlsx", "-o", tmp_path / "q.xlsx", lang=lang)
    assert r.exit_code == 1
    assert r.output.startswith(WORDS[lang]["error"] + "Excel workbooks need openpyxl")


@pytest.mark.parametrize("lang", LANGS)
def test_report_refusals_in_the_language(lang, tmp_path):
    w = WORDS[lang]
    out = tmp_path / "r.html"
    one = LABOUR / "2025.yaml"
    for args, code in [((one, "--as", "someone@example.org"), "as"),
                       ((one, tmp_path / "nowhere.yaml"), "missing"),
                       ((one, LABOUR / "2024.yaml"), "one"),
                       ((ML25, "--standard", UNDP), "standard")]:
        r = run("report", *args, "-o", out, "-f", "html", lang=lang)
        assert r.exit_code == 2, r.output
        assert w[code] in " ".join(r.output.split()), r.output
        assert not re.search(r"is for (the database|files)|neither a file|report is of one",
                             r.output)


@pytest.mark.parametrize("lang", LANGS)
def test_staff_commands_in_the_language(lang, demo_store, tmp_path):
    w = WORDS[lang]
    export = tmp_path / "hr-export.csv"
    export.write_bytes(EXPORT)
    mapping = tmp_path / "hr-columns.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    db = {"SEAL_DATABASE_URL": demo_store.url}
    r = run("staff", "mapping", "suggest", export, lang=lang)
    assert r.exit_code == 0, r.output
    assert all(line in r.stdout for line in w["suggest"]), r.stdout
    assert "# columns of" not in r.stdout and "is left out" not in r.stdout
    r = run("staff", "mapping", "show", "VAL-MLSP", lang=lang, **db)
    assert r.exit_code == 1 and w["no_mapping"] in r.output, r.output
    r = run("staff", "mapping", "set", "VAL-MLSP", mapping, lang=lang, **db)
    assert r.exit_code == 0 and w["saved"] in r.output, r.output
    r = run("staff", "mapping", "show", "VAL-MLSP", lang=lang, **db)
    assert r.exit_code == 0 and r.stdout.startswith(w["shown"]), r.output
    assert "saved" not in r.stdout
    r = run("staff", "upload", ML25, export, lang=lang, **db)
    assert r.exit_code == 0 and w["stored"] in r.output, r.output
    r = run("staff", "upload", ML25, export, lang=lang, **db)
    assert r.exit_code == 0 and w["unchanged"] in r.output, r.output
    assert "staff data" not in r.output and "nothing changed" not in r.output
    r = run("staff", "upload", ML25, export, "--columns", mapping, "--as-is", lang=lang, **db)
    assert r.exit_code == 2 and w["both"] in r.output, r.output
    r = run("staff", "upload", ML25, tmp_path / "none.csv", lang=lang, **db)
    assert r.exit_code == 2 and w["no_file"] in r.output and "no such file" not in r.output


@pytest.mark.parametrize("lang", LANGS)
def test_i18n_commands_in_the_language(lang, tmp_path):
    w = WORDS[lang]
    po = tmp_path / "fr.po"
    r = run("i18n", "export", UNDP, "--lang", "fr", "-o", po, lang=lang)
    assert r.exit_code == 0 and w["exported"] in r.output, r.output
    assert "already translated" not in r.output
    nameless = tmp_path / "nameless.po"
    nameless.write_text(re.sub(r'"Language: fr\\n"\n', "", po.read_text(encoding="utf-8")),
                        encoding="utf-8")
    r = run("i18n", "import", nameless, lang=lang)
    assert r.exit_code == 2 and w["no_language"] in " ".join(r.output.split()), r.output
    r = run("i18n", "import", po, "-o", tmp_path / "fr.yaml", lang=lang)
    assert r.exit_code == 0 and w["imported"] in r.output, r.output
    r = run("i18n", "check", lang=lang)
    assert r.exit_code == 0 and w["complete"] in r.output, r.output
    assert "every shipped language" not in r.output


@pytest.mark.parametrize("lang", LANGS)
def test_the_standards_list_in_the_language(lang, tmp_path):
    starter = ROOT / "standards" / "seal-starter.yaml"
    (tmp_path / "copy.yaml").write_text(starter.read_text(encoding="utf-8"), encoding="utf-8")
    path = {"SEAL_STANDARDS_PATH": str(tmp_path)}
    english, other = run("standards", **path), run("standards", lang=lang, **path)
    assert english.exit_code == other.exit_code == 0, other.output
    assert "Version  Title" in english.stdout and "(not used: " in english.stdout
    head, shadowed = WORDS[lang]["standards"]
    assert head in other.stdout.splitlines()[0]
    copy = [ln for ln in other.stdout.splitlines() if ln.startswith("seal-starter ")][1]
    assert shadowed in copy and "not used" not in other.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_process_status_says_what_each_stage_rests_on_in_the_language(lang, demo_store):
    db = {"SEAL_DATABASE_URL": demo_store.url}
    english = run("process", "status", "VAL-MLSP", **db)
    other = run("process", "status", "VAL-MLSP", lang=lang, **db)
    assert english.exit_code == other.exit_code == 0, other.output
    assert "(letter signed on 10 May 2023)" in english.stdout
    assert "30 actions in the plan, 3 done" in english.stdout
    for words in WORDS[lang]["process"]:
        assert words in other.stdout, other.stdout
    for english_words in ("signed on", "approved on", "by the", "actions in", "held",
                          "valid until", "changes requested", "rows"):
        assert english_words not in other.stdout
    assert english_left(english.stdout, other.stdout) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_certificates_list_names_levels_by_their_titles_in_the_language(lang, demo_store):
    db = {"SEAL_DATABASE_URL": demo_store.url}
    english = run("certificates", **db)
    other = run("certificates", lang=lang, **db)
    assert english.exit_code == other.exit_code == 0, other.output
    assert re.search(r"\sGold\s", english.stdout) and re.search(r"\sBronze\s", english.stdout)
    gold = {"es": "Oro", "fr": "Or"}[lang]
    assert re.search(rf"Port Aurel\s+{gold}\s", other.stdout), other.stdout
    assert not re.search(r"\s(gold|bronze|Gold)\s", other.stdout)


@pytest.mark.parametrize("lang", LANGS)
def test_metrics_name_the_breakdown_in_the_language(lang):
    staff = LABOUR / "workforce-2025.csv"
    english, other = run("metrics", staff), run("metrics", staff, lang=lang)
    assert english.exit_code == other.exit_code == 0, other.output
    assert "Representation by grade\nGrade " in english.stdout
    assert re.search(r"^all\s+1524\s", english.stdout, re.M)
    said = {"es": ("Representación por grado\nGrado ", "total"),
            "fr": ("Représentation par grade\nGrade ", "ensemble")}[lang]
    assert said[0] in other.stdout, other.stdout
    assert re.search(rf"^{said[1]}\s+1524\s", other.stdout, re.M)
    assert not re.search(r"^all\s", other.stdout, re.M)


@pytest.mark.parametrize("lang", LANGS)
def test_the_demo_accounts_name_their_roles_in_the_language(lang, tmp_path):
    r = run("db", "init", "--demo", lang=lang, SEAL_DATA_DIR=str(tmp_path / "data"))
    assert r.exit_code == 0, r.output
    for line in WORDS[lang]["roles"]:
        assert line in r.output, r.output
    assert not re.search(r"focal_point|programme_officer|\badmin:", r.output)


@pytest.mark.parametrize("lang", LANGS)
def test_a_benchmark_assumed_met_says_so_in_the_language(lang):
    a = se.load_assessment(LABOUR / "2025.yaml")
    s = se.standard_for(a)
    result = se.score(s, a, se.load_workforce_for(a))
    partial = next(b for b in result.benchmarks if b.status.value == "partially_met")
    b = se.what_if(s, a, [partial.id], result).benchmark(partial.id)
    english = (f"Met (assumed, what-if); was partially met with {partial.points:g} of "
               f"{partial.max_points:g} points.")
    assert b.explanation == [english] == b.explained("en")
    assert json.loads(b.model_dump_json())["explanation"] == [english]
    said = b.explained(lang)
    assert len(said) == 1 and said[0].startswith(WORDS[lang]["what_if"]), said
    with pytest.raises(se.ScoringError) as e:
        se.what_if(s, a, ["XX-99"], result)
    assert "XX-99" in e.value.problems[0].render(lang)
    assert "is not a benchmark of" in e.value.problems[0].render("en")
    assert "is not a benchmark of" not in e.value.problems[0].render(lang)
