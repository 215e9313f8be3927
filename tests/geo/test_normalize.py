from sitrep.geo.normalize import ascii_name, fold, name_key, strip_designator


def test_fold_removes_case_diacritics_and_punctuation():
    assert fold("Köprü") == "kopru"
    assert fold("Deir ez-Zor") == "deir ez zor"
    assert fold("Ma'arrat al-Nu'man") == "maarrat al numan"


def test_arabic_articles_are_ignored_in_keys():
    assert name_key("Al-Raqqah") == name_key("Raqqa") == name_key("ar-Raqqa")
    assert name_key("El Fasher") == name_key("al-Fasher")
    assert name_key("Ad-Dali") == name_key("Dali")


def test_transliteration_variants_share_a_key():
    assert name_key("Altun Kupri") == name_key("Altun Köprü") == name_key("Altun Kopri")
    assert name_key("Sulaymaniyah") == name_key("Sulaymaniyya") == name_key("Sulaymaniyeh")
    assert name_key("Tal Afar") == name_key("Tell Afar") == name_key("Tel Afar")
    assert name_key("Fallujah") == name_key("Falluja")


def test_a_name_made_only_of_articles_is_kept():
    assert name_key("El") == "el"


def test_designators():
    assert strip_designator("Kirkuk Province") == ("Kirkuk", "ADM1")
    assert strip_designator("the city of Kirkuk") == ("Kirkuk", "PPL")
    assert strip_designator("District of Columbia", prefix=False) == ("District of Columbia", "")
    assert strip_designator("Mosul") == ("Mosul", "")
    assert strip_designator("Maruf district center") == ("Maruf", "PPL")  # the district's seat town


def test_ascii_name_keeps_case():
    assert ascii_name("Kirkūk") == "Kirkuk"
    assert ascii_name("Karbalā’") == "Karbala"


def test_a_designator_written_before_the_name_without_of():
    assert strip_designator("Barangay Pange") == ("Pange", "PPL")
    assert strip_designator("Brgy. Capihan") == ("Capihan", "PPL")
    assert strip_designator("Barangay") == ("Barangay", "")  # the word alone names nothing
