"""The job texts of the category checks: one short role description per resume category, and the rule that
names the kaggle category of a real SkillSpan ad from its title. Written once, before any scoring."""

from __future__ import annotations

# One short JD per category, paraphrasing public role descriptions (e.g. O*NET summaries).
LIVECAREER_JDS: dict[str, tuple[str, str]] = {
    "ACCOUNTANT": ("Accountant", "Prepare financial statements, journal entries, account reconciliations and "
                   "tax returns. Maintain the general ledger, accounts payable and receivable. Skills: GAAP, "
                   "QuickBooks, Excel, auditing, payroll, month-end close, budgeting."),
    "ADVOCATE": ("Legal Advocate", "Advocate for clients in legal proceedings; draft pleadings and briefs, "
                 "conduct legal research, counsel clients, represent them in court hearings and case "
                 "management. Skills: litigation, legal writing, case law research, client advocacy."),
    "AGRICULTURE": ("Agricultural Specialist", "Plan crop production, soil and irrigation management, pest "
                    "control and farm operations; advise farmers; collect field data. Skills: agronomy, "
                    "crops, livestock, soil science, farm equipment, agriculture."),
    "APPAREL": ("Apparel Merchandiser", "Develop apparel and fashion product lines with designers and "
                "vendors; manage garment production, sourcing, fabrics and trims, fittings and retail "
                "merchandising. Skills: fashion, textiles, sourcing, visual merchandising."),
    "ARTS": ("Arts Program Coordinator", "Coordinate arts programs, exhibitions and performances; teach art, "
             "music or theatre workshops; manage artists and events. Skills: fine arts, painting, music, "
             "theatre, curating, creative direction."),
    "AUTOMOBILE": ("Automotive Technician", "Diagnose, inspect and repair cars and trucks: engines, brakes, "
                   "transmissions, electrical systems; perform vehicle maintenance at a dealership service "
                   "department. Skills: automotive repair, diagnostics, ASE certification."),
    "AVIATION": ("Aviation Maintenance Technician", "Inspect, maintain and repair aircraft and aircraft "
                 "engines per FAA regulations; support flight operations and airport ground operations. "
                 "Skills: aircraft maintenance, avionics, FAA, flight line, aviation safety."),
    "BANKING": ("Banking Relationship Officer", "Serve bank customers: open deposit accounts, process loans "
                "and transactions, cross-sell banking products, ensure branch compliance. Skills: retail "
                "banking, teller operations, lending, credit, customer service, cash handling."),
    "BPO": ("BPO Customer Support Associate", "Handle inbound and outbound customer calls in a call center "
            "(BPO) process; resolve customer queries, meet service levels and quality metrics. Skills: "
            "call center, customer service, voice process, CRM, communication."),
    "BUSINESS-DEVELOPMENT": ("Business Development Manager", "Identify new business opportunities, build "
                             "client relationships, generate leads, negotiate partnerships and grow "
                             "revenue. Skills: business development, lead generation, account "
                             "management, market research, negotiation, sales pipeline."),
    "CHEF": ("Chef", "Prepare and cook menu items, plan menus, supervise kitchen staff, control food cost "
             "and inventory, ensure food safety and sanitation. Skills: culinary arts, cooking, kitchen "
             "management, menu planning, food safety."),
    "CONSTRUCTION": ("Construction Project Manager", "Manage construction projects and job sites: "
                     "schedules, subcontractors, building codes, safety (OSHA), estimating and "
                     "inspections. Skills: construction management, site supervision, blueprints."),
    "CONSULTANT": ("Management Consultant", "Advise clients on business strategy and operations, analyse "
                   "processes, lead consulting engagements, present recommendations to stakeholders. "
                   "Skills: consulting, business analysis, project management, client engagement."),
    "DESIGNER": ("Designer", "Create visual designs, layouts, graphics and interior or product designs; "
                 "work with clients on concepts and drawings. Skills: graphic design, Adobe Photoshop, "
                 "Illustrator, InDesign, AutoCAD, typography, branding."),
    "DIGITAL-MEDIA": ("Digital Media Specialist", "Produce and manage digital media content: video, social "
                      "media, web content, digital marketing campaigns and analytics. Skills: social media, "
                      "video editing, content creation, SEO, Adobe Premiere, digital marketing."),
    "ENGINEERING": ("Engineer", "Design, test and improve engineering systems and products; prepare "
                    "technical drawings and specifications; troubleshoot. Skills: engineering design, "
                    "AutoCAD, MATLAB, testing, technical documentation, mechanical or electrical systems."),
    "FINANCE": ("Financial Analyst", "Analyse financial data, build forecasts and budgets, prepare financial "
                "reports and variance analysis, support investment decisions. Skills: financial analysis, "
                "financial modeling, forecasting, Excel, accounting, FP&A."),
    "FITNESS": ("Fitness Trainer", "Lead fitness classes and personal training sessions, design exercise "
                "programs, assess client fitness and nutrition. Skills: personal training, group fitness, "
                "CPR certification, strength training, nutrition, gym."),
    "HEALTHCARE": ("Healthcare Coordinator", "Provide and coordinate patient care in a hospital or clinic; "
                   "maintain medical records, schedule patients, follow HIPAA. Skills: patient care, "
                   "medical terminology, EMR, nursing, clinical, healthcare."),
    "HR": ("Human Resources Generalist", "Manage recruiting, onboarding, employee relations, benefits and "
           "payroll administration, HR policies and compliance. Skills: human resources, recruitment, "
           "HRIS, employee relations, benefits administration, training."),
    "INFORMATION-TECHNOLOGY": ("IT Specialist", "Support and administer IT systems: networks, servers, "
                               "help desk, hardware and software, security. Skills: information technology, "
                               "network administration, Windows Server, Active Directory, troubleshooting."),
    "PUBLIC-RELATIONS": ("Public Relations Specialist", "Write press releases, manage media relations, plan "
                         "communications campaigns and events, manage social media and publicity. "
                         "Skills: public relations, media relations, communications, writing."),
    "SALES": ("Sales Representative", "Sell products to customers, prospect new accounts, meet sales "
              "quotas, manage customer relationships and retail sales. Skills: sales, customer service, "
              "negotiation, CRM, account management, cold calling."),
    "TEACHER": ("Teacher", "Plan and deliver lessons to students, assess student progress, manage the "
                "classroom and communicate with parents. Skills: teaching, lesson planning, classroom "
                "management, curriculum development, education."),
}
KAGGLE_JDS: dict[str, tuple[str, str]] = {
    "Java Developer": ("Java Developer", "Build backend services in Java. Skills: Java, Spring Boot, "
                       "Hibernate, J2EE, REST APIs, SQL, Maven."),
    "Testing": ("Software Test Engineer", "Design and execute manual test cases, report defects, regression "
                "testing. Skills: manual testing, test cases, defect tracking, JIRA, SDLC, STLC."),
    "DevOps Engineer": ("DevOps Engineer", "Automate build and deployment pipelines. Skills: Jenkins, "
                        "Docker, Kubernetes, AWS, Ansible, Terraform, Linux, CI/CD, Git."),
    "Python Developer": ("Python Developer", "Develop applications in Python. Skills: Python, Django, "
                         "Flask, REST APIs, SQL, pandas."),
    "Web Designing": ("Web Designer", "Design websites and user interfaces. Skills: HTML, CSS, JavaScript, "
                      "Bootstrap, jQuery, Photoshop, responsive design, WordPress."),
    "HR": ("HR Executive", "Recruitment, onboarding, payroll and employee relations. Skills: recruitment, "
           "human resources, payroll, HR policies, employee engagement."),
    "Hadoop": ("Hadoop Developer", "Build big data pipelines. Skills: Hadoop, Hive, Spark, HDFS, MapReduce, "
               "Sqoop, Pig, Scala."),
    "Blockchain": ("Blockchain Developer", "Develop smart contracts and decentralised apps. Skills: "
                   "blockchain, Ethereum, Solidity, Hyperledger, smart contracts, cryptography."),
    "ETL Developer": ("ETL Developer", "Build ETL workflows and data warehouses. Skills: ETL, Informatica, "
                      "SQL, data warehouse, SSIS, Oracle, data modeling."),
    "Operations Manager": ("Operations Manager", "Manage daily operations, teams, processes and vendors. "
                           "Skills: operations management, process improvement, team management, "
                           "budgeting, logistics."),
    "Data Science": ("Data Scientist", "Build machine learning models and analyses. Skills: Python, machine "
                     "learning, statistics, pandas, scikit-learn, deep learning, NLP, SQL."),
    "Sales": ("Sales Executive", "Drive sales and client acquisition. Skills: sales, business development, "
              "negotiation, customer relationship, marketing, lead generation."),
    "Mechanical Engineer": ("Mechanical Engineer", "Design mechanical components and production processes. "
                            "Skills: AutoCAD, SolidWorks, CATIA, mechanical design, manufacturing, "
                            "thermodynamics."),
    "Arts": ("Arts Teacher", "Teach and practise visual and performing arts. Skills: fine arts, drawing, "
             "painting, music, dance, theatre."),
    "Database": ("Database Administrator", "Administer databases. Skills: Oracle, MySQL, SQL Server, "
                 "PL/SQL, backup and recovery, performance tuning, database administration."),
    "Electrical Engineering": ("Electrical Engineer", "Design and maintain electrical systems. Skills: "
                               "electrical engineering, PLC, power systems, circuits, wiring, "
                               "switchgear, transformers."),
    "Health and fitness": ("Fitness Trainer", "Train clients in fitness and nutrition. Skills: fitness, "
                           "personal training, nutrition, yoga, exercise, diet."),
    "PMO": ("PMO Analyst", "Support the project management office. Skills: project management, PMO, "
            "project planning, MS Project, resource management, reporting, risk management."),
    "Business Analyst": ("Business Analyst", "Gather and document business requirements. Skills: business "
                         "analysis, requirements gathering, use cases, UML, stakeholder management, SQL."),
    "DotNet Developer": (".NET Developer", "Develop applications on .NET. Skills: C#, ASP.NET, .NET, MVC, "
                         "SQL Server, Entity Framework, Web API."),
    "Automation Testing": ("Automation Test Engineer", "Automate tests. Skills: Selenium, test automation, "
                           "Java, TestNG, Cucumber, automation framework, API testing."),
    "Network Security Engineer": ("Network Security Engineer", "Secure networks. Skills: firewalls, network "
                                  "security, Cisco, VPN, routing, switching, IDS/IPS, CCNA."),
    "SAP Developer": ("SAP Developer", "Develop SAP solutions. Skills: SAP, ABAP, SAP HANA, SAP FICO, SAP "
                      "MM, SAP SD, BAPI."),
    "Civil Engineer": ("Civil Engineer", "Plan and supervise civil construction. Skills: civil engineering, "
                       "AutoCAD, structural design, site supervision, construction, surveying, estimation."),
    "Advocate": ("Advocate", "Represent clients in court. Skills: litigation, legal drafting, legal "
                 "research, civil law, criminal law, court."),
}


# Real job postings (SkillSpan, full text) whose title names a role of a kaggle resume category, by this fixed
# rule written before looking at any score: first match wins; a rule may accept several categories.
POSTING_TITLE_RULES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (pattern, frozenset(cats)) for pattern, cats in (
        (r"\bjava\b(?!\s*script)", {"Java Developer"}),
        (r"\bpython\b", {"Python Developer"}),
        (r"\.\s?net\b|dotnet|\bc#", {"DotNet Developer"}),
        (r"\bsap\b", {"SAP Developer"}),
        (r"\bdevops\b|site reliability|\bsre\b", {"DevOps Engineer"}),
        (r"\bqa\b|quality assurance|quality engineer|\btest(?:er|ing)?\b", {"Testing", "Automation Testing"}),
        (r"front-?end|\bui\b|web developer|web designer", {"Web Designing"}),
        (r"security", {"Network Security Engineer"}),
        (r"data scien|data analy|machine learning", {"Data Science"}),
        (r"business analyst", {"Business Analyst"}),
        (r"project manager|program manager|\bpmo\b", {"PMO"}),
        (r"database|\bdba\b", {"Database"}),
        (r"hadoop|big data", {"Hadoop"}),
        (r"\betl\b", {"ETL Developer"}),
        (r"blockchain", {"Blockchain"}),
        (r"\bsales\b", {"Sales"}),
        (r"\bhr\b|human resources|recruiter", {"HR"}),
        (r"mechanical engineer", {"Mechanical Engineer"}),
        (r"electrical engineer", {"Electrical Engineering"}),
        (r"civil engineer", {"Civil Engineer"}),
    )
)
