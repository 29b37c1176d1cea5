

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='AccessibilityStatement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('prepared_on', models.DateField(verbose_name='data sporządzenia deklaracji')),
                ('reviewed_on', models.DateField(verbose_name='data ostatniego przeglądu i aktualizacji deklaracji')),
                ('compliance', models.CharField(choices=[('full', 'zgodna'), ('partial', 'częściowo zgodna'), ('none', 'niezgodna')], default='partial', max_length=10, verbose_name='status zgodności z ustawą')),
                ('known_problems', models.TextField(blank=True, help_text='Jedna niezgodność w wierszu, z alternatywnym sposobem dostępu.', verbose_name='treści niedostępne')),
                ('exemptions', models.TextField(blank=True, help_text='Jedno wyłączenie w wierszu, z podstawą prawną lub powodem.', verbose_name='wyłączenia')),
                ('method', models.CharField(choices=[('self', 'samoocena'), ('audit', 'audyt zewnętrzny')], default='self', max_length=10, verbose_name='sposób przygotowania deklaracji')),
                ('audit_url', models.URLField(blank=True, verbose_name='adres raportu z audytu')),
                ('architecture', models.TextField(verbose_name='dostępność architektoniczna')),
                ('sign_language', models.TextField(blank=True, verbose_name='informacje o tłumaczu języka migowego')),
                ('mobile_apps', models.TextField(blank=True, verbose_name='aplikacje mobilne')),
                ('easy_read', models.TextField(help_text='Krótkie zdania, jedna myśl w zdaniu. Nagłówek zaczyna się od „## ”, punkt listy od „- ”; akapity oddziela pusty wiersz.', verbose_name='informacje w tekście łatwym do czytania')),
                ('pjm_video', models.FileField(blank=True, upload_to='portal/pjm/', verbose_name='nagranie w polskim języku migowym (plik)')),
                ('pjm_link', models.URLField(blank=True, verbose_name='nagranie w polskim języku migowym (odnośnik)')),
                ('pjm_text', models.TextField(blank=True, help_text='Tekst, który nagranie przekazuje: odpowiednik tekstowy dla osób, które nie znają PJM.', verbose_name='treść nagrania w polskim języku migowym')),
            ],
            options={
                'verbose_name': 'deklaracja dostępności',
                'verbose_name_plural': 'deklaracje dostępności',
            },
        ),
    ]
