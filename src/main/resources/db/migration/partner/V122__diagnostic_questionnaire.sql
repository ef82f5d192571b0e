-- The organisational-health diagnostic, version 1: 20 statements in 5 areas, each rated from 1 (strongly
-- disagree) to 5 (strongly agree). Data, not code: a later version adds statements and marks old ones inactive
-- (responses keep pointing at the statement they answered).
INSERT INTO partner_diagnostic_area (code, position, title, description) VALUES
    ('DIRECTION', 1, 'Direction', 'Where the business is going and whether everyone knows it'),
    ('LEADERSHIP', 2, 'Leadership', 'How leaders decide, communicate and support their teams'),
    ('EXECUTION', 3, 'Execution', 'Turning plans into results: priorities, goals and follow-through'),
    ('PEOPLE', 4, 'People and culture', 'Roles, growth, recognition and how people work together'),
    ('CUSTOMERS', 5, 'Customers and growth', 'Understanding customers and finding the next opportunity');

INSERT INTO partner_diagnostic_statement (id, area_code, position, text) VALUES
    (1, 'DIRECTION', 1, 'I can explain in one sentence what our business is trying to achieve in the next three years.'),
    (2, 'DIRECTION', 2, 'Our goals for this year are written down and I know where to find them.'),
    (3, 'DIRECTION', 3, 'When priorities change, I understand why.'),
    (4, 'DIRECTION', 4, 'Our values guide real decisions, not just the website.'),
    (5, 'LEADERSHIP', 1, 'Leaders here make decisions in good time.'),
    (6, 'LEADERSHIP', 2, 'I get honest, useful feedback from my manager.'),
    (7, 'LEADERSHIP', 3, 'Leaders tell us about bad news as openly as good news.'),
    (8, 'LEADERSHIP', 4, 'I trust the leadership team to steer the business well.'),
    (9, 'EXECUTION', 1, 'I know which of my tasks matter most this week.'),
    (10, 'EXECUTION', 2, 'Goals have a clear owner and a due date.'),
    (11, 'EXECUTION', 3, 'We review progress against our goals regularly.'),
    (12, 'EXECUTION', 4, 'When something gets in the way, it is removed quickly.'),
    (13, 'PEOPLE', 1, 'My role and responsibilities are clear to me.'),
    (14, 'PEOPLE', 2, 'I have the skills and tools I need to do my job well.'),
    (15, 'PEOPLE', 3, 'Good work is noticed and recognised here.'),
    (16, 'PEOPLE', 4, 'Teams share information and help each other.'),
    (17, 'CUSTOMERS', 1, 'We know why our customers choose us over competitors.'),
    (18, 'CUSTOMERS', 2, 'Customer feedback reaches the people who can act on it.'),
    (19, 'CUSTOMERS', 3, 'We regularly try new ways to grow the business.'),
    (20, 'CUSTOMERS', 4, 'I would recommend our products or services to a friend.');
