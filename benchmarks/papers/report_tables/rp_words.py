"""Words of US government statistical tables: stub trees, column headers, titles, headnotes, notes and
sources (Statistical Abstract, BLS, Census, FHWA, USDA, EIA)."""
from __future__ import annotations

# a stub theme: (stub header, tree); a tree is a list of label or (label, subtree)
THEMES = [
    ("Offense charged", [
        ("Violent crime", ["Murder and nonnegligent manslaughter", "Forcible rape", "Robbery",
                           "Aggravated assault"]),
        ("Property crime", ["Burglary", "Larceny-theft", "Motor vehicle theft", "Arson"]),
        "Other assaults", "Forgery and counterfeiting", "Fraud", "Embezzlement",
        "Stolen property; buying, receiving, possessing", "Vandalism", "Weapons; carrying, possessing, etc.",
        "Prostitution and commercialized vice", "Drug abuse violations", "Gambling",
        "Offenses against the family and children", "Driving under the influence", "Liquor laws",
        "Drunkenness", "Disorderly conduct", "Vagrancy", "Curfew and loitering law violations"]),
    ("Industry", [
        ("Goods-producing", [("Manufacturing", ["Durable goods", "Nondurable goods"]), "Construction",
                             "Mining, quarrying, and oil and gas extraction"]),
        ("Service-providing", ["Wholesale trade", "Retail trade", "Transportation and warehousing",
                               "Information", "Finance and insurance",
                               "Professional, scientific, and technical services",
                               "Administrative and support and waste management and remediation services",
                               "Health care and social assistance", "Arts, entertainment, and recreation",
                               "Accommodation and food services"]),
        "Government"]),
    ("Characteristic", [
        ("Age:", ["Under 18 years", "18 to 24 years", "25 to 34 years", "35 to 44 years", "45 to 54 years",
                  "55 to 64 years", "65 years and over"]),
        ("Race and Hispanic origin:", ["White alone", "Black alone", "Asian alone",
                                       "American Indian and Alaska Native alone", "Two or more races",
                                       "Hispanic origin (of any race)"]),
        ("Educational attainment:", ["Less than 9th grade", "9th to 12th grade, no diploma",
                                     "High school graduate (includes equivalency)",
                                     "Some college or associate's degree", "Bachelor's degree or more"]),
        ("Region:", ["Northeast", "Midwest", "South", "West"])]),
    ("Region, division, and state", [
        ("Northeast", [("New England", ["Maine", "New Hampshire", "Vermont", "Massachusetts"]),
                       ("Middle Atlantic", ["New York", "New Jersey", "Pennsylvania"])]),
        ("Midwest", [("East North Central", ["Ohio", "Indiana", "Illinois", "Michigan", "Wisconsin"]),
                     ("West North Central", ["Minnesota", "Iowa", "Missouri", "North Dakota"])]),
        ("South", [("South Atlantic", ["Delaware", "Maryland", "District of Columbia", "Virginia"])])]),
    ("Source of energy", [
        ("Fossil fuels", ["Coal", "Natural gas (dry)", "Crude oil", "Natural gas plant liquids"]),
        "Nuclear electric power",
        ("Renewable energy", ["Hydroelectric power", "Wood and waste", "Biofuels", "Geothermal", "Solar",
                              "Wind"])]),
    ("Functional system", [
        ("Rural", ["Interstate", "Other principal arterial", "Minor arterial", "Major collector",
                   "Minor collector", "Local"]),
        ("Urban", ["Interstate", "Other freeways and expressways", "Other principal arterial",
                   "Minor arterial", "Collector", "Local"])]),
    ("Commodity", [
        ("Feed grains", ["Corn", "Sorghum", "Barley", "Oats"]), ("Food grains", ["Wheat", "Rice"]),
        ("Oilseeds", ["Soybeans", "Peanuts", "Sunflowerseed", "Cottonseed"]), "Cotton (1,000 bales)",
        "Sugar beets", "Tobacco"]),
    ("Type of expenditure", [
        ("Personal consumption expenditures", [("Goods", ["Durable goods", "Nondurable goods"]),
                                               "Services"]),
        ("Gross private domestic investment", ["Fixed investment", "Change in private inventories"]),
        ("Net exports of goods and services", ["Exports", "Imports"]),
        "Government consumption expenditures and gross investment"]),
    ("Occupation", [
        ("Management, professional, and related occupations",
         ["Management, business, and financial operations", "Professional and related occupations"]),
        ("Service occupations", ["Protective service", "Food preparation and serving related",
                                 "Building and grounds cleaning and maintenance"]),
        ("Sales and office occupations", ["Sales and related", "Office and administrative support"]),
        "Farming, fishing, and forestry occupations", "Production, transportation, and material moving"]),
    ("Household income", ["Under $15,000", "$15,000 to $24,999", "$25,000 to $34,999",
                          "$35,000 to $49,999", "$50,000 to $74,999", "$75,000 to $99,999",
                          "$100,000 and over", "Median income (dollars)"]),
]
TOTALS = ["Total", "All persons", "All industries", "United States", "Total, all sources", "All occupations",
          "Total ¹", "All households"]
YEAR_HEADERS = ["Year", "Year and quarter", "Calendar year", "Fiscal year", "Period"]

# column headers: leaves and the groups they may sit under
LEAF_SETS = [
    ["Total", "Under 18 years", "18 years and over"], ["Number", "Percent"], ["Total", "Male", "Female"],
    ["White", "Black", "Asian", "Hispanic origin ²"], ["Total", "Federal", "State and local"],
    ["Employed", "Unemployed", "Unemployment rate"], ["Number (1,000)", "Percent distribution"],
    ["Total", "Full time", "Part time"], ["Production", "Imports", "Exports", "Consumption"],
    ["Rate per 1,000", "Percent change"], ["Urban", "Rural"], ["Acreage (1,000)", "Yield per acre",
                                                                  "Value (mil. dol.)"],
    ["Men", "Women", "Both sexes"], ["Owner occupied", "Renter occupied"], ["Lane-miles", "Vehicle-miles"],
]
GROUP_LABELS = ["Total", "Male", "Female", "Employed", "Unemployed", "Civilian labor force", "Married",
                "Not married", "Public", "Private", "Metropolitan", "Nonmetropolitan", "Exports", "Imports",
                "Percent of total", "Annual percent change ³", "Number of establishments",
                "Value of shipments", "Current dollars", "Constant (2005) dollars", "Persons below poverty",
                "Families", "Supply", "Disappearance", "Rural", "Urban"]
TOP_LABELS = ["Civilian noninstitutional population", "Labor force status", "Percent distribution",
              "Employment (1,000)", "Expenditures (mil. dol.)", "Households (1,000)"]

TITLES = ["Arrests by Sex and Age", "Employment by Industry", "Persons Below Poverty Level by Selected "
          "Characteristics", "Energy Production by Source", "Public Road Length by Functional System",
          "Supply and Disappearance of Major Crops", "Gross Domestic Product in Current and Real Dollars by "
          "Type of Expenditure", "Employed Civilians by Occupation, Sex, Race, and Hispanic Origin",
          "Money Income of Households by Income Level", "Resident Population by Region, Division, and State",
          "Crimes and Crime Rates by Type of Offense", "Labor Force Status of the Civilian Population",
          "Federal Outlays by Detailed Function", "Farm Income and Balance Sheet Indicators"]
HEADNOTES = [
    "[In thousands ({a} represents {b}). For year ending December 31. Based on the Uniform Crime "
    "Reporting (UCR) Program. See text, this section and source]",
    "[In millions of dollars, except as indicated. For fiscal years ending in year shown; see text, "
    "Section 8]",
    "[In percent. Annual averages of monthly figures. Civilian noninstitutional population 16 years old "
    "and over. Based on the Current Population Survey; see text, Section 1 and Appendix III]",
    "[Data are for the 50 States and the District of Columbia. Minus sign (-) indicates decrease]",
    "[As of July 1. Resident population. Data for {y} are estimates; see Appendix III]",
    "[In thousands of units, except percent]",
    "(Numbers in thousands. Persons as of March of the following year)",
]
NOTES = ["- Represents zero.", "X Not applicable.", "(NA) Not available.", "Z Less than 500 or .05 percent.",
         "(D) Withheld to avoid disclosing data for individual companies.",
         "(S) Figure does not meet publication standards.", "(B) Base figure too small to meet statistical "
         "standards for reliability of a derived figure."]
MARK_NOTES = ["Buying, receiving, possessing stolen property.", "Includes other races not shown "
              "separately.", "Persons of Hispanic origin may be any race.", "Change from immediately prior "
              "year.", "Beginning 2008, data are not directly comparable with earlier years.",
              "Includes data not distributed by type."]
SOURCES = ["U.S. Department of Justice, Federal Bureau of Investigation, Crime in the United States, "
           "annual. See also <http://www.fbi.gov/ucr/>.",
           "U.S. Bureau of Labor Statistics, Employment and Earnings, January issues.",
           "U.S. Census Bureau, Current Population Reports, P60-238.",
           "U.S. Energy Information Administration, Annual Energy Review.",
           "U.S. Federal Highway Administration, Highway Statistics, annual.",
           "U.S. Department of Agriculture, Economic Research Service, Feed Outlook.",
           "U.S. Bureau of Economic Analysis, National Income and Product Accounts Tables."]
RUNNING = ["Law Enforcement, Courts, and Prisons", "Labor Force, Employment, and Earnings", "Income, "
           "Expenditures, Poverty, and Wealth", "Energy and Utilities", "Transportation", "Agriculture",
           "Population", "Federal Government Finances and Employment"]
FOOTERS = ["U.S. Census Bureau, Statistical Abstract of the United States: 2012",
           "BLS Report 1032, Highlights of Women's Earnings", "Highway Statistics 2010",
           "Monthly Energy Review, November 2011", "Crop Production Annual Summary"]
PANELS = [["ALL RACES", "WHITE", "BLACK"], ["BOTH SEXES", "MEN", "WOMEN"], ["Number", "Percent"],
          ["TOTAL", "URBAN", "RURAL"], ["Current dollars", "Constant dollars"], ["2009", "2010"]]
