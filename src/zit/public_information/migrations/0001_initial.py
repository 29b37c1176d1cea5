"""Requests for public information move out of governance: the models appear in this app's state on their
existing tables (nothing happens in the database); 0002 renames the tables."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('governance', '0005_possible_duplicates'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='InformationRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='rok rejestru')),
                        ('sequence', models.PositiveIntegerField(verbose_name='numer kolejny w roku')),
                        ('number', models.CharField(max_length=40, unique=True, verbose_name='znak sprawy')),
                        ('received_on', models.DateField(verbose_name='data wpływu')),
                        ('received_time', models.TimeField(blank=True, null=True, verbose_name='godzina wpływu')),
                        ('channel', models.CharField(choices=[('email', 'e-mail'), ('epuap', 'ePUAP'), ('letter', 'list lub pismo'), ('in_person', 'osobiście w biurze'), ('oral', 'telefonicznie lub ustnie (notatka)'), ('other', 'inny')], max_length=12, verbose_name='sposób złożenia')),
                        ('requester_name', models.CharField(blank=True, help_text='Wniosek nie musi być podpisany: zostaw puste, gdy wnioskodawca się nie przedstawił.', max_length=200, verbose_name='wnioskodawca')),
                        ('reply_email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail do odpowiedzi')),
                        ('reply_address', models.TextField(blank=True, verbose_name='adres do odpowiedzi')),
                        ('subject', models.CharField(max_length=300, verbose_name='przedmiot wniosku')),
                        ('requested_information', models.TextField(verbose_name='o jaką informację wnioskodawca prosi')),
                        ('delivery', models.CharField(choices=[('email', 'e-mailem'), ('epuap', 'przez ePUAP'), ('post', 'pocztą'), ('in_person', 'do odbioru w biurze'), ('inspection', 'wgląd w dokumenty w biurze'), ('other', 'inny sposób')], max_length=12, verbose_name='sposób udostępnienia, o który prosi')),
                        ('delivery_note', models.CharField(blank=True, max_length=300, verbose_name='uwagi o sposobie lub formie')),
                        ('attachment', models.FileField(blank=True, upload_to='governance/requests/%Y/', verbose_name='skan lub plik wniosku')),
                        ('attachment_sha256', models.CharField(blank=True, max_length=64)),
                        ('state', models.CharField(choices=[('received', 'przyjęty, w toku'), ('extended', 'termin przedłużony'), ('fee_notified', 'powiadomiono o opłacie'), ('answered', 'udostępniono informację'), ('refused', 'odmowa (decyzja)'), ('discontinued', 'umorzono (decyzja)'), ('letter', 'zamknięty pismem (nie informacja publiczna)')], default='received', max_length=14, verbose_name='stan')),
                        ('deadline', models.DateField(verbose_name='termin 14-dniowy')),
                        ('extended_to', models.DateField(blank=True, null=True, verbose_name='termin przedłużony do')),
                        ('extension_reason', models.TextField(blank=True, verbose_name='przyczyna przedłużenia')),
                        ('fee_period_end', models.DateField(blank=True, null=True, verbose_name='koniec 14 dni od powiadomienia o opłacie')),
                        ('closed_on', models.DateField(blank=True, null=True, verbose_name='data zakończenia')),
                        ('late', models.BooleanField(default=False, verbose_name='załatwiony po terminie')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dane demonstracyjne')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='prowadzi')),
                    ],
                    options={
                        'verbose_name': 'wniosek o informację publiczną',
                        'verbose_name_plural': 'wnioski o informację publiczną',
                        'ordering': ['-year', '-sequence'],
                        'db_table': 'governance_informationrequest',
                        'indexes': [models.Index(fields=['state', 'year'], name='governance__state_3a927a_idx')],
                        'constraints': [
                            models.UniqueConstraint(fields=('year', 'sequence'), name='governance_request_sequence')
                        ],
                    },
                ),
                migrations.CreateModel(
                    name='RequestAction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('registered', 'rejestracja wniosku'), ('assigned', 'przydzielenie sprawy'), ('extended', 'przedłużenie terminu (art. 13 ust. 2)'), ('fee_notified', 'powiadomienie o opłacie (art. 15 ust. 2)'), ('answered', 'udostępnienie informacji'), ('refused', 'decyzja o odmowie (art. 16)'), ('discontinued', 'decyzja o umorzeniu (art. 14 ust. 2, art. 16)'), ('letter', 'pismo: to nie jest informacja publiczna')], max_length=14, verbose_name='czynność')),
                        ('done_on', models.DateField(verbose_name='data')),
                        ('text', models.TextField(blank=True, verbose_name='treść lub opis')),
                        ('document', models.FileField(blank=True, upload_to='governance/requests/%Y/', verbose_name='dokument')),
                        ('document_sha256', models.CharField(blank=True, max_length=64)),
                        ('ground', models.CharField(blank=True, max_length=16, verbose_name='podstawa')),
                        ('ground_other', models.CharField(blank=True, max_length=300, verbose_name='inna podstawa')),
                        ('new_due_on', models.DateField(blank=True, null=True, verbose_name='nowy termin')),
                        ('fee_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, verbose_name='opłata (zł)')),
                        ('late', models.BooleanField(default=False, verbose_name='po terminie')),
                        ('created_by_label', models.CharField(blank=True, max_length=200, verbose_name='zapisał(a)')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='public_information.informationrequest', verbose_name='wniosek')),
                    ],
                    options={
                        'verbose_name': 'czynność w sprawie wniosku',
                        'verbose_name_plural': 'czynności w sprawie wniosku',
                        'ordering': ['done_on', 'created_at', 'pk'],
                        'db_table': 'governance_requestaction',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
